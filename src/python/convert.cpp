#include "convert.hpp"

#include <cstring>
#include <optional>

#include <pybind11/numpy.h>

#include <rill/core/frame.hpp>

#include "py_ref.hpp"

namespace rill::python {
namespace {

constexpr int kMaxDepth = 64;  // deeper is almost surely a cycle (a list that contains itself)
constexpr const char* kFrameCapsule = "rill.Frame";
constexpr const char* kTensorCapsule = "rill.Tensor";

/// An opaque (non-Python) C++ object as Python sees it.
struct Opaque {
  Value value;
};

std::optional<DType> dtype_of(const py::dtype& dt) {
  const char kind = dt.kind();
  const auto size = dt.itemsize();
  switch (kind) {
    case 'b':
      return DType::kBool;
    case 'u':
      if (size == 1) return DType::kU8;
      if (size == 2) return DType::kU16;
      if (size == 4) return DType::kU32;
      break;
    case 'i':
      if (size == 1) return DType::kI8;
      if (size == 2) return DType::kI16;
      if (size == 4) return DType::kI32;
      if (size == 8) return DType::kI64;
      break;
    case 'f':
      if (size == 2) return DType::kF16;
      if (size == 4) return DType::kF32;
      if (size == 8) return DType::kF64;
      break;
    default:
      break;
  }
  return std::nullopt;
}

py::dtype numpy_dtype(DType t) {
  switch (t) {
    case DType::kU8:
      return py::dtype("uint8");
    case DType::kI8:
      return py::dtype("int8");
    case DType::kU16:
      return py::dtype("uint16");
    case DType::kI16:
      return py::dtype("int16");
    case DType::kI32:
      return py::dtype("int32");
    case DType::kU32:
      return py::dtype("uint32");
    case DType::kI64:
      return py::dtype("int64");
    case DType::kF16:
      return py::dtype("float16");
    case DType::kF32:
      return py::dtype("float32");
    case DType::kF64:
      return py::dtype("float64");
    case DType::kBool:
      return py::dtype("bool");
  }
  return py::dtype("uint8");
}

template <typename T>
py::capsule keeper(std::shared_ptr<const T> p, const char* name) {
  auto* held = new std::shared_ptr<const T>(std::move(p));
  return py::capsule(held, name, [](PyObject* cap) {
    const char* n = PyCapsule_GetName(cap);
    delete static_cast<std::shared_ptr<const T>*>(PyCapsule_GetPointer(cap, n));
  });
}

/// The Frame an array was made from, when `arr` still views exactly that Frame's pixels: its
/// metadata (pts, stream, index) then survives the trip through Python.
std::shared_ptr<const Frame> original_frame(const py::array& arr) {
  py::object owner = arr.base();
  PyObject* base = owner.ptr();
  if (base == nullptr || !PyCapsule_IsValid(base, kFrameCapsule)) return nullptr;
  const auto& f =
      *static_cast<std::shared_ptr<const Frame>*>(PyCapsule_GetPointer(base, kFrameCapsule));
  return f && f->data() == static_cast<const std::uint8_t*>(arr.data()) ? f : nullptr;
}

std::shared_ptr<const Tensor> original_tensor(const py::array& arr) {
  py::object owner = arr.base();
  PyObject* base = owner.ptr();
  if (base == nullptr || !PyCapsule_IsValid(base, kTensorCapsule)) return nullptr;
  const auto& t =
      *static_cast<std::shared_ptr<const Tensor>*>(PyCapsule_GetPointer(base, kTensorCapsule));
  return t && t->data() == static_cast<const std::uint8_t*>(arr.data()) ? t : nullptr;
}

Value from_array(const py::array& arr) {
  std::optional<DType> dt = dtype_of(arr.dtype());
  if (!dt)
    return Value(
        std::shared_ptr<Object>(std::make_shared<PyObjectValue>(PyRef::borrow(arr.ptr()))));
  const auto nd = arr.ndim();
  const auto* shape = arr.shape();
  const auto* strides = arr.strides();
  // Buffer over the array's memory; the array (and so its memory) lives while the Buffer does.
  Buffer buf;
  buf.data = static_cast<std::uint8_t*>(const_cast<void*>(arr.data()));
  buf.size = static_cast<std::size_t>(arr.nbytes());
  buf.owner = PyRef::borrow(arr.ptr()).owner();
  if (*dt == DType::kU8 && nd >= 2 && shape[0] > 0 && shape[1] > 0 && strides[0] > 0) {
    const bool gray = nd == 2 && strides[1] == 1;
    const bool bgr = nd == 3 && shape[2] == 3 && strides[2] == 1 && strides[1] == 3;
    if (gray || bgr) {
      if (auto f = original_frame(arr)) {
        if (f->width() == shape[1] && f->height() == shape[0] &&
            static_cast<py::ssize_t>(f->stride()) == strides[0]) {
          return Value(f);
        }
      }
      const auto h = static_cast<std::size_t>(shape[0]);
      buf.size = static_cast<std::size_t>(strides[0]) * (h - 1) +
                 static_cast<std::size_t>(shape[1]) * (gray ? 1 : 3);
      return Value(std::shared_ptr<const Frame>(
          std::make_shared<Frame>(std::move(buf), gray ? PixelFormat::kGRAY8 : PixelFormat::kBGR24,
                                  static_cast<int>(shape[1]), static_cast<int>(shape[0]),
                                  static_cast<std::size_t>(strides[0]))));
    }
  }
  if (auto t = original_tensor(arr)) {
    if (t->shape() == std::vector<std::int64_t>(shape, shape + nd)) return Value(t);
  }
  std::vector<std::int64_t> sh(shape, shape + nd);
  std::vector<std::int64_t> st(strides, strides + nd);
  return Value(std::shared_ptr<const Tensor>(
      std::make_shared<Tensor>(std::move(buf), *dt, std::move(sh), std::move(st))));
}

py::object frame_to_numpy(const std::shared_ptr<const Frame>& f) {
  // A decoder's YUV frame reaches Python as BGR, as MegFlow hands frames to Python; converted
  // once per frame however many nodes ask (rill::as_bgr caches it).
  if (f->has_converter() && f->format() != PixelFormat::kBGR24) return frame_to_numpy(as_bgr(f));
  auto base = keeper(f, kFrameCapsule);
  const auto h = static_cast<py::ssize_t>(f->height());
  const auto w = static_cast<py::ssize_t>(f->width());
  const auto s = static_cast<py::ssize_t>(f->stride());
  switch (f->format()) {
    case PixelFormat::kBGR24:
    case PixelFormat::kRGB24:
      return py::array(py::dtype("uint8"), {h, w, py::ssize_t{3}},
                       {s, py::ssize_t{3}, py::ssize_t{1}}, f->data(), base);
    case PixelFormat::kGRAY8:
      return py::array(py::dtype("uint8"), {h, w}, {s, py::ssize_t{1}}, f->data(), base);
    case PixelFormat::kNV12:
    case PixelFormat::kYUV420P:
      // Planar YUV: the whole buffer, as decoders lay it out.
      return py::array(py::dtype("uint8"), {static_cast<py::ssize_t>(f->buffer().size)},
                       {py::ssize_t{1}}, f->data(), base);
  }
  return py::none();
}

py::object tensor_to_numpy(const std::shared_ptr<const Tensor>& t) {
  std::vector<py::ssize_t> shape(t->shape().begin(), t->shape().end());
  std::vector<py::ssize_t> strides(t->strides().begin(), t->strides().end());
  return py::array(numpy_dtype(t->dtype()), shape, strides, t->data(), keeper(t, kTensorCapsule));
}

Value convert(py::handle obj, int depth);

Value opaque_python(py::handle obj) {
  return Value(std::shared_ptr<Object>(std::make_shared<PyObjectValue>(PyRef::borrow(obj.ptr()))));
}

Value convert(py::handle obj, int depth) {
  PyObject* o = obj.ptr();
  if (o == Py_None) return Value();
  if (PyBool_Check(o)) return Value(o == Py_True);
  if (PyLong_CheckExact(o) || (PyLong_Check(o) && !PyBool_Check(o))) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow != 0) return opaque_python(obj);  // beyond int64: travels as itself
    return Value(static_cast<std::int64_t>(v));
  }
  if (PyFloat_Check(o)) return Value(PyFloat_AS_DOUBLE(o));
  if (PyUnicode_Check(o)) {
    Py_ssize_t n = 0;
    const char* s = PyUnicode_AsUTF8AndSize(o, &n);
    if (s == nullptr) throw py::error_already_set();
    return Value(std::string(s, static_cast<std::size_t>(n)));
  }
  if (PyBytes_Check(o)) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(PyBytes_AS_STRING(o));
    return Value(Bytes(p, p + PyBytes_GET_SIZE(o)));
  }
  if (depth >= kMaxDepth) {
    throw py::value_error("message nests more than " + std::to_string(kMaxDepth) +
                          " lists/dicts deep (does it contain itself?)");
  }
  if (PyList_Check(o)) {
    List out;
    const Py_ssize_t n = PyList_GET_SIZE(o);
    out.reserve(static_cast<std::size_t>(n));
    for (Py_ssize_t i = 0; i < n; ++i) out.push_back(convert(PyList_GET_ITEM(o, i), depth + 1));
    return Value(std::move(out));
  }
  if (PyDict_Check(o)) {
    PyObject* key = nullptr;
    PyObject* val = nullptr;
    Py_ssize_t pos = 0;
    while (PyDict_Next(o, &pos, &key, &val)) {
      if (!PyUnicode_Check(key)) return opaque_python(obj);  // not a Map: travels as itself
    }
    Map out;
    pos = 0;
    while (PyDict_Next(o, &pos, &key, &val)) {
      Py_ssize_t n = 0;
      const char* k = PyUnicode_AsUTF8AndSize(key, &n);
      if (k == nullptr) throw py::error_already_set();
      out.set(std::string(k, static_cast<std::size_t>(n)), convert(val, depth + 1));
    }
    return Value(std::move(out));
  }
  if (py::isinstance<py::array>(obj)) return from_array(py::reinterpret_borrow<py::array>(obj));
  if (py::isinstance<Opaque>(obj)) return obj.cast<const Opaque&>().value;
  return opaque_python(obj);
}

}  // namespace

py::object to_python(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      return py::none();
    case ValueKind::kBool:
      return py::bool_(v.as_bool());
    case ValueKind::kInt:
      return py::reinterpret_steal<py::object>(PyLong_FromLongLong(v.as_int()));
    case ValueKind::kDouble:
      return py::float_(v.as_double());
    case ValueKind::kString: {
      const auto& s = v.as_string();
      PyObject* o =
          PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogateescape");
      if (o == nullptr) throw py::error_already_set();
      return py::reinterpret_steal<py::object>(o);
    }
    case ValueKind::kBytes: {
      const auto& b = v.as_bytes();
      return py::bytes(reinterpret_cast<const char*>(b.data()), b.size());
    }
    case ValueKind::kList: {
      const auto& l = v.as_list();
      py::list out(l.size());
      for (std::size_t i = 0; i < l.size(); ++i) out[i] = to_python(l[i]);
      return out;
    }
    case ValueKind::kMap: {
      py::dict out;
      for (const auto& [k, x] : v.as_map()) out[py::str(k)] = to_python(x);
      return out;
    }
    case ValueKind::kFrame:
      return frame_to_numpy(v.as_frame());
    case ValueKind::kTensor:
      return tensor_to_numpy(v.as_tensor());
    case ValueKind::kObject: {
      if (auto* p = dynamic_cast<PyObjectValue*>(v.as_object().get())) {
        return py::reinterpret_borrow<py::object>(p->ref().get());
      }
      return py::cast(Opaque{v});
    }
  }
  return py::none();
}

Value from_python(py::handle obj) { return convert(obj, 0); }

void bind_opaque(py::module_& m) {
  py::class_<Opaque>(m, "Opaque", "A C++ object passing through Python untouched.")
      .def("__repr__", [](const Opaque& o) {
        return "<rill.Opaque " + o.value.as_object()->type_name() + ">";
      });
}

}  // namespace rill::python
