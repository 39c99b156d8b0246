// provide_executor / provided_executor: the process-wide executors layers offer by name, and
// default_executor, the process's default worker pool.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "rill/core/executor.hpp"

namespace rill {
namespace {

struct Provided {
  std::mutex mu;
  std::map<std::string, std::shared_ptr<Executor>, std::less<>> by_name;
};

Provided& provided() {
  static Provided* p = new Provided;  // never destroyed: executors may be looked up at exit
  return *p;
}

}  // namespace

std::shared_ptr<Executor> default_executor() {
  // Released at exit; the pool is joined when its last holder (e.g. a workflow a static
  // destructor tears down) lets go of it.
  static const std::shared_ptr<Executor> pool = [] {
    ExecutorOptions options;
    options.name = "rill";
    return std::make_shared<ThreadPool>(std::move(options));
  }();
  return pool;
}

void provide_executor(const std::string& name, std::shared_ptr<Executor> executor) {
  auto& p = provided();
  std::lock_guard g(p.mu);
  if (executor) {
    p.by_name[name] = std::move(executor);
  } else {
    p.by_name.erase(name);
  }
}

std::shared_ptr<Executor> provided_executor(std::string_view name) {
  auto& p = provided();
  std::lock_guard g(p.mu);
  auto it = p.by_name.find(name);
  return it == p.by_name.end() ? nullptr : it->second;
}

std::vector<std::string> provided_executor_names() {
  auto& p = provided();
  std::lock_guard g(p.mu);
  std::vector<std::string> names;
  names.reserve(p.by_name.size());
  for (const auto& [name, ex] : p.by_name) names.push_back(name);
  return names;
}

}  // namespace rill
