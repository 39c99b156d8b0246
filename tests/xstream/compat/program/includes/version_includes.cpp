// hobotxsdk/version.h includes nothing in XStream; its macros stand alone.
#include "hobotxsdk/version.h"

const char* CompatIncludesVersion() { return HOBOTXSDK_VERSION; }
