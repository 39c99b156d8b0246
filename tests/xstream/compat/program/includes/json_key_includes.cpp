// hobotxstream/json_key.h includes nothing in XStream; its constants stand alone.
#include "hobotxstream/json_key.h"

const char* CompatIncludesJsonKey() { return xstream::kWorkflow; }
