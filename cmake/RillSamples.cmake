# The sample video the demo, the examples' tests and the media benchmarks run on, made at build
# time from Debian's python3-skimage photos (scripts/make_sample_video.py: two faces panning,
# zooming and crossing once; 20 s of 1280x720 at 25 fps). Made once per build tree; the script's
# ground truth (where each face is, per frame) lies beside it.
set(RILL_SAMPLE_VIDEO ${CMAKE_BINARY_DIR}/samples/faces_720p.mp4)
add_custom_command(
  OUTPUT ${RILL_SAMPLE_VIDEO}
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/make_sample_video.py ${RILL_SAMPLE_VIDEO}
  DEPENDS ${PROJECT_SOURCE_DIR}/scripts/make_sample_video.py
  COMMENT "Making the sample video (samples/faces_720p.mp4)"
  VERBATIM)
add_custom_target(rill_sample_video ALL DEPENDS ${RILL_SAMPLE_VIDEO})
