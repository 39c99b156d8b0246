#pragma once
// A growable circular buffer: O(1) push/pop at the ends, storage reused once warm.

#include <cassert>
#include <cstddef>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>
#include <utility>

namespace rill::detail {

/// FIFO ring of T. Not thread-safe (guarded by the channel lock). Grows by doubling and never
/// shrinks, so once a channel's queue has reached its usual depth the hot path never allocates.
template <typename T>
class Ring {
 public:
  explicit Ring(std::size_t initial = 16) { reserve(initial < 2 ? 2 : initial); }
  Ring(const Ring&) = delete;
  Ring& operator=(const Ring&) = delete;
  ~Ring() {
    while (!empty()) pop();
    ::operator delete (static_cast<void*>(buf_), std::align_val_t{alignof(T)});
  }

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }

  void push(T&& v) {
    if (size_ == cap_) grow();
    new (&buf_[(head_ + size_) & mask_]) T(std::move(v));
    ++size_;
  }
  T pop() {
    assert(size_ > 0);
    T* p = &buf_[head_];
    T v(std::move(*p));
    p->~T();
    head_ = (head_ + 1) & mask_;
    --size_;
    return v;
  }
  T& front() { return buf_[head_]; }

 private:
  void reserve(std::size_t n) {
    // Checked before the shift or the multiplication below can wrap around.
    if (n > max_capacity()) throw std::length_error("rill: ring buffer capacity too large");
    std::size_t c = 1;
    while (c < n) c <<= 1;
    buf_ = static_cast<T*>(::operator new (c * sizeof(T), std::align_val_t{alignof(T)}));
    cap_ = c;
    mask_ = c - 1;
  }
  void grow() {
    T* old = buf_;
    std::size_t old_cap = cap_, old_head = head_, n = size_;
    reserve(old_cap * 2);
    for (std::size_t i = 0; i < n; ++i) {
      T* src = &old[(old_head + i) & (old_cap - 1)];
      new (&buf_[i]) T(std::move(*src));
      src->~T();
    }
    head_ = 0;
    ::operator delete (static_cast<void*>(old), std::align_val_t{alignof(T)});
  }

  static constexpr std::size_t max_capacity() {
    return (std::numeric_limits<std::size_t>::max() / 2 + 1) / sizeof(T);
  }

  T* buf_ = nullptr;
  std::size_t cap_ = 0;
  std::size_t mask_ = 0;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace rill::detail
