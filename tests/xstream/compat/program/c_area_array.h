/* The C twin of xstream::AreaArray, as XStream's test data types declare theirs. Valid C. */
#ifndef RILL_COMPAT_PROGRAM_C_AREA_ARRAY_H_
#define RILL_COMPAT_PROGRAM_C_AREA_ARRAY_H_

#include "hobotxsdk/xstream_capi_type.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct HobotXStreamCapiAreaArray {
  HobotXStreamCapiData parent_;
  size_t values_size_;
  float* values_;
  float score_;
} HobotXStreamCapiAreaArray;

HOBOT_EXPORT HobotXStreamCapiAreaArray* HobotXStreamCapiAreaArrayAlloc(void);
HOBOT_EXPORT void HobotXStreamCapiAreaArrayFree(HobotXStreamCapiAreaArray** array);

/* Defined in c_header_check.c: exercises the C headers from C. 0 when they behave. */
int compat_c_header_check(void);

#ifdef __cplusplus
}
#endif

#endif /* RILL_COMPAT_PROGRAM_C_AREA_ARRAY_H_ */
