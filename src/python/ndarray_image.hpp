#pragma once
// numpy frames as the vision operators' images: an H x W x 3 uint8 ndarray (BGR, as Python nodes
// receive frames) seen as a CV_8UC3 cv::Mat over the array's own memory, with Python errors that
// say what was wrong instead of a crash inside OpenCV.

#include <opencv2/core/mat.hpp>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

namespace rill::python {

namespace py = pybind11;

/// What the operator does with the pixels.
enum class ImageUse {
  kRead,         ///< reads them: an array whose pixels are not packed is copied into one that is
  kDrawInPlace,  ///< writes them: the array must be writable and packed, since a copy would
                 ///< leave the caller's frame undrawn
};

/// An image argument: the Mat and the array whose memory it views.
struct NdarrayImage {
  cv::Mat mat;      ///< CV_8UC3 over `array`'s memory: valid while `array` lives
  py::array array;  ///< the caller's array, or the packed copy made of it (kRead)
};

/// `obj` as a BGR image: an H x W x 3 uint8 ndarray, or a message dict holding one under "data"
/// (what VideoInput and ImageInput send). Rows may be padded (any row stride at least W x 3);
/// packed pixels (strides (row, 3, 1)) are used in place, without a copy. Raises TypeError
/// for anything but a uint8 ndarray and ValueError for another shape, an empty image, or (for
/// kDrawInPlace) a read-only or unpacked array; messages begin with `who`. The caller holds the
/// GIL.
NdarrayImage ndarray_image(py::handle obj, ImageUse use, const std::string& who);

}  // namespace rill::python
