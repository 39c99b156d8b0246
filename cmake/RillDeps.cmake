# Every dependency comes from a Debian package (scripts/deps.txt); nothing is downloaded here.
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
if(RILL_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
# Python: Debian's /usr/bin/python3 (CMakePresets pins Python3_EXECUTABLE), its headers, numpy
# and greenlet. Development.Embed: the `rill` CLI embeds the interpreter for Python plugins.
find_package(Python3 3.9 REQUIRED COMPONENTS Interpreter Development.Module Development.Embed)
find_package(pybind11 CONFIG REQUIRED)
execute_process(
  COMMAND ${Python3_EXECUTABLE} -c "import greenlet, os; print(os.path.dirname(greenlet.__file__))"
  OUTPUT_VARIABLE RILL_GREENLET_INCLUDE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE _rill_greenlet_rc)
if(NOT _rill_greenlet_rc EQUAL 0 OR NOT EXISTS ${RILL_GREENLET_INCLUDE_DIR}/greenlet.h)
  message(FATAL_ERROR "greenlet's C header not found for ${Python3_EXECUTABLE} "
                      "(Debian package python3-greenlet)")
endif()
# jsoncpp: XStream's compatibility headers expose Json::Value (hobotxstream/xstream_config.h).
find_package(jsoncpp CONFIG REQUIRED)
# OpenCV (Debian's libopencv-dev, 4.6): the vision layer's images, DNN inference and Haar cascades.
# Found here rather than in src/vision so that the vision tests can link imgcodecs too.
find_package(OpenCV REQUIRED COMPONENTS core imgproc dnn objdetect imgcodecs)
