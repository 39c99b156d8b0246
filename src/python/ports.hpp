#pragma once
// rill.Receiver / rill.Sender: a node's port ends (or a host's graph ends) as Python sees them.
// Each call first tries without waiting; only when it must wait does it either suspend the
// calling fiber (inside a Python node or a join/block_on) or, on a host thread, block with the
// GIL released (waking every 100 ms for Ctrl-C).

#include <chrono>
#include <memory>
#include <optional>

#include <pybind11/pybind11.h>

#include <rill/core/node.hpp>

#include "envelope.hpp"

namespace rill::python {

namespace py = pybind11;

/// A Python node's hold on its Context: cleared when the node finalizes, after which its port
/// objects refuse to work (Python code may keep references to them past the node's life).
struct PortLife {
  Context* ctx = nullptr;
  [[nodiscard]] bool alive() const { return ctx != nullptr; }
  /// Raises when `life` belongs to a node that has finished (host ends have none).
  static void check(const std::shared_ptr<PortLife>& life);
};

class RecvEnd {
 public:
  RecvEnd(InputPort* port, std::shared_ptr<PortLife> life) : port_(port), life_(std::move(life)) {}
  explicit RecvEnd(Receiver<Envelope> host) : host_(std::move(host)) {}

  /// The next Envelope, or None at end-of-stream (or one client's flush through a shared node).
  py::object recv();
  /// Up to n envelopes within timeout_ms of the call: (list, closed).
  py::tuple batch_recv(std::size_t n, std::int64_t timeout_ms);
  [[nodiscard]] std::string repr() const;
  /// Drops a host end (Graph.wait(): nobody reads any more, so the graph must not block on it).
  void release() { host_.release(); }

  // The C++ side of waiting (used by the requests).
  Task<std::optional<Envelope>> recv_async();
  Task<BatchResult<Envelope>> batch_async(std::size_t n, std::chrono::nanoseconds timeout);

 private:
  void check() const;
  RecvStatus try_recv(std::optional<Envelope>& out);
  Task<RecvResult<Envelope>> recv_for(std::chrono::nanoseconds timeout);

  InputPort* port_ = nullptr;
  std::shared_ptr<PortLife> life_;
  Receiver<Envelope> host_;
};

class SendEnd {
 public:
  SendEnd(OutputPort* port, std::shared_ptr<PortLife> life) : port_(port), life_(std::move(life)) {}
  explicit SendEnd(Sender<Envelope> host) : host_(std::move(host)) {}

  /// Sends (moves) `env`, waiting while the channel is full. On a closed channel the envelope
  /// is dropped (MegFlow); in a source whose graph is stopping, raises rill.Stopped so the
  /// source's loop ends.
  void send(PyObject* env);
  [[nodiscard]] std::string repr() const;
  /// Drops a host end (Graph.close()).
  void release() { host_.release(); }

  Task<SendStatus> send_async(Envelope e);

 private:
  void check() const;
  SendStatus try_send(Envelope& e);
  void on_closed() const;

  OutputPort* port_ = nullptr;
  std::shared_ptr<PortLife> life_;
  Sender<Envelope> host_;
};

/// Registers Receiver, Sender and the Stopped exception in `m`.
void bind_ports(py::module_& m);

/// Python Receiver / Sender objects around an end.
py::object wrap_receiver(std::shared_ptr<RecvEnd> end);
py::object wrap_sender(std::shared_ptr<SendEnd> end);

/// Raises (throws) Python RuntimeError when the calling thread is an executor thread outside any
/// fiber (e.g. a node constructor calling recv()): blocking there would stall the executor.
void check_may_block(const char* what);

}  // namespace rill::python
