#pragma once
// An OpenCV allocator over BufferPool: a cv::Mat whose `allocator` is pooled_mat_allocator()
// gets its pixels from the pool, and gives them back when the last Mat header lets go.

#include <opencv2/core/mat.hpp>

namespace rill::media {

/// The process-wide pooled allocator (never destroyed: Mats may outlive static destruction).
cv::MatAllocator* pooled_mat_allocator();

}  // namespace rill::media
