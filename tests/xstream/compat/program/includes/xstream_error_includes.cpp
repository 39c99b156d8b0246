// hobotxsdk/xstream_error.h includes nothing in XStream; its macros stand alone.
#include "hobotxsdk/xstream_error.h"

int CompatIncludesError() { return HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY; }
