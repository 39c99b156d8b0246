#include "ndarray_image.hpp"

#include <climits>
#include <string>

namespace rill::python {
namespace {

std::string shape_text(const py::array& a) {
  std::string s = "(";
  for (py::ssize_t i = 0; i < a.ndim(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(a.shape(i));
  }
  return s + (a.ndim() == 1 ? ",)" : ")");
}

std::string strides_text(const py::array& a) {
  std::string s = "(";
  for (py::ssize_t i = 0; i < a.ndim(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(a.strides(i));
  }
  return s + ")";
}

/// Pixels packed BGR, rows in order and not overlapping: what a cv::Mat can view.
bool packed(const py::array& a) {
  return a.strides(2) == 1 && a.strides(1) == 3 && a.strides(0) >= 3 * a.shape(1);
}

}  // namespace

NdarrayImage ndarray_image(py::handle obj, ImageUse use, const std::string& who) {
  py::handle frame = obj;
  if (py::isinstance<py::dict>(obj)) {
    py::dict msg = py::reinterpret_borrow<py::dict>(obj);
    if (!msg.contains("data")) {
      throw py::type_error(who + ": the message dict has no frame under \"data\"");
    }
    frame = msg["data"];
  }
  if (!py::isinstance<py::array>(frame)) {
    throw py::type_error(who + ": expected a frame, an H x W x 3 uint8 numpy array (BGR), not " +
                         std::string(Py_TYPE(frame.ptr())->tp_name));
  }
  auto arr = py::reinterpret_borrow<py::array>(frame);
  const py::dtype dt = arr.dtype();
  if (dt.kind() != 'u' || dt.itemsize() != 1) {
    throw py::type_error(who + ": the frame's dtype is " +
                         py::str(py::handle(dt)).cast<std::string>() +
                         ", expected uint8 (8-bit BGR pixels)");
  }
  if (arr.ndim() != 3 || arr.shape(2) != 3) {
    throw py::value_error(who + ": the frame's shape is " + shape_text(arr) +
                          ", expected (H, W, 3): BGR pixels");
  }
  if (arr.shape(0) == 0 || arr.shape(1) == 0) {
    throw py::value_error(who + ": the frame is empty, shape " + shape_text(arr));
  }
  if (arr.shape(0) > INT_MAX || arr.shape(1) > INT_MAX / 3) {
    throw py::value_error(who + ": the frame is too large, shape " + shape_text(arr));
  }
  if (use == ImageUse::kDrawInPlace) {
    if (!arr.writeable()) {
      throw py::value_error(who + ": the frame is read-only; drawing happens in place");
    }
    if (!packed(arr)) {
      throw py::value_error(who + ": the frame's pixels are not packed BGR (strides " +
                            strides_text(arr) +
                            "); drawing happens in place, so draw on "
                            "numpy.ascontiguousarray(frame) instead");
    }
  } else if (!packed(arr)) {
    // A flipped or channel-strided view: read through a packed copy (detection only reads).
    arr = py::array::ensure(arr, py::array::c_style);
    if (!arr) throw py::error_already_set();
  }
  NdarrayImage out;
  out.mat = cv::Mat(static_cast<int>(arr.shape(0)), static_cast<int>(arr.shape(1)), CV_8UC3,
                    const_cast<void*>(arr.data()), static_cast<std::size_t>(arr.strides(0)));
  out.array = std::move(arr);
  return out;
}

}  // namespace rill::python
