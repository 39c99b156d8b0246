/* XStream 2.x C-API data model (source compatibility).
 * Valid C (C99) and C++. Present in every build; only the C-API functions are optional. */
#ifndef HOBOTXSDK_XSTREAM_CAPI_TYPE_H_
#define HOBOTXSDK_XSTREAM_CAPI_TYPE_H_

#include <stddef.h>
#include <stdint.h>

#ifndef HOBOT_EXPORT
#if defined(_WIN32) && defined(HOBOT_EXPORTS)
#define HOBOT_EXPORT __declspec(dllexport)
#elif defined(_WIN32) && defined(HOBOT_DLL)
#define HOBOT_EXPORT __declspec(dllimport)
#else
#define HOBOT_EXPORT
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Defines HobotXStreamCapi<type>FreeParent, the type-erased form of HobotXStreamCapi<type>Free
 * stored in a CppContext. */
#define DECLEAR_DEFINE_CAPI_FREE_PARENT(type)                                          \
  static inline void HobotXStreamCapi##type##FreeParent(HobotXStreamCapiData** data) { \
    HobotXStreamCapi##type##Free((HobotXStreamCapi##type**)data);                      \
  }

/* The header of every C data object; `context_` points at its xstream::CppContext. */
typedef struct HobotXStreamCapiBaseData {
  const char* type_;
  const char* name_;
  int error_code_;
  const char* error_detail_;
  void* context_;
} HobotXStreamCapiBaseData;

typedef HobotXStreamCapiBaseData HobotXStreamCapiData;

/* A counted list of data objects (flexible array member). */
typedef struct HobotXStreamCapiDataList {
  size_t datas_size_;
  HobotXStreamCapiData* datas_[];
} HobotXStreamCapiDataList;

typedef HobotXStreamCapiDataList HobotXStreamCapiInputList;
typedef HobotXStreamCapiDataList HobotXStreamCapiOutputList;

/* The C form of xstream::BaseDataVector. */
typedef struct HobotXStreamCapiBaseDataVector {
  HobotXStreamCapiData parent_;
  HobotXStreamCapiDataList* datas_;
} HobotXStreamCapiBaseDataVector;

/* What a C callback receives for one output. */
typedef struct HobotXStreamCapiCallbackData {
  int64_t sequence_id_;
  int error_code_;
  char* error_detail_;
  HobotXStreamCapiInputList* inputs_;
  HobotXStreamCapiDataList* outputs_;
} HobotXStreamCapiCallbackData;

/* Frees any data object through its context's free function; sets *data to NULL. */
HOBOT_EXPORT void HobotXStreamCapiDataFree(HobotXStreamCapiData** data);

HOBOT_EXPORT HobotXStreamCapiBaseDataVector* HobotXStreamCapiBaseDataVectorAlloc(size_t length);
HOBOT_EXPORT void HobotXStreamCapiBaseDataVectorFree(HobotXStreamCapiBaseDataVector** vector);
/* HobotXStreamCapiBaseDataVectorFreeParent, its CppContext free function. */
DECLEAR_DEFINE_CAPI_FREE_PARENT(BaseDataVector)

HOBOT_EXPORT HobotXStreamCapiDataList* HobotXStreamCapiDataListAlloc(size_t length);
HOBOT_EXPORT void HobotXStreamCapiDataListFree(HobotXStreamCapiDataList** list);

#ifdef __cplusplus
}
#endif

#endif /* HOBOTXSDK_XSTREAM_CAPI_TYPE_H_ */
