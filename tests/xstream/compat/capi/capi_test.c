/* A C99 program written against XStream's C API alone (hobotxsdk/xstream_capi.h), linked with
 * librill_sdk: global config and init, sync and async predict with a callback, per-node config,
 * the C data lists and their alloc/free, and the error codes of bad calls.
 *
 * Usage: rill_xstream_capi_test <tests/data/xstream directory>. Exit status 0 when every check
 * passes; each failed check prints its line. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hobotxsdk/xstream_capi.h"
#include "hobotxsdk/xstream_error.h"

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

enum { kFrames = 8, kInner = 3 };

/* One input frame: a list holding one vector "c_in" of kInner empty vectors, the second of
 * which carries an error code and detail; `tag` is the first inner vector's error code. */
static HobotXStreamCapiInputList* MakeInput(int tag) {
  HobotXStreamCapiInputList* list = HobotXStreamCapiDataListAlloc(1);
  HobotXStreamCapiBaseDataVector* vec = HobotXStreamCapiBaseDataVectorAlloc(kInner);
  size_t i;
  vec->parent_.name_ = "c_in";
  for (i = 0; i < kInner; ++i) {
    HobotXStreamCapiBaseDataVector* inner = HobotXStreamCapiBaseDataVectorAlloc(0);
    inner->parent_.name_ = "inner";
    vec->datas_->datas_[i] = &inner->parent_;
  }
  vec->datas_->datas_[0]->error_code_ = tag;
  vec->datas_->datas_[1]->error_code_ = 7;
  vec->datas_->datas_[1]->error_detail_ = "seven";
  list->datas_[0] = &vec->parent_;
  return list;
}

/* The tag of an output list made from MakeInput(tag) by the pass-through workflow, or -1 when
 * the list does not have that shape. */
static int OutputTag(const HobotXStreamCapiDataList* out) {
  const HobotXStreamCapiBaseDataVector* vec;
  if (out == NULL || out->datas_size_ != 1 || out->datas_[0] == NULL) return -1;
  if (strcmp(out->datas_[0]->name_, "c_out") != 0) return -1;
  if (strcmp(out->datas_[0]->type_, "BaseDataVector") != 0) return -1;
  vec = (const HobotXStreamCapiBaseDataVector*)out->datas_[0];
  if (vec->datas_ == NULL || vec->datas_->datas_size_ != kInner) return -1;
  if (strcmp(vec->datas_->datas_[2]->type_, "BaseDataVector") != 0) return -1;
  if (strcmp(vec->datas_->datas_[2]->name_, "inner") != 0) return -1;
  if (vec->datas_->datas_[1]->error_code_ != 7) return -1;
  if (strcmp(vec->datas_->datas_[1]->error_detail_, "seven") != 0) return -1;
  return vec->datas_->datas_[0]->error_code_;
}

/* What the callback saw, guarded by mu. */
struct Received {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  HobotXStreamCapiHandle handle;
  HobotXStreamCapiInputList* submitted[kFrames];
  int calls;
  int good;
  int seen[kFrames];         /* callbacks per submitted frame */
  int64_t sequence[kFrames]; /* the sequence id each frame's callback reported */
};

static void OnResult(HobotXStreamCapiHandle handle, HobotXStreamCapiCallbackData* result,
                     void* user) {
  struct Received* r = (struct Received*)user;
  int frame = -1;
  int i;
  int ok;
  /* inputs_ identifies the frame: the list it was submitted with. */
  for (i = 0; i < kFrames; ++i) {
    if (result->inputs_ == r->submitted[i]) frame = i;
  }
  ok = handle == r->handle && frame >= 0 && result->error_code_ == 0 &&
       result->error_detail_ != NULL && OutputTag(result->outputs_) == 100 + frame;
  HobotXStreamCapiDataListFree(&result->outputs_);
  pthread_mutex_lock(&r->mu);
  if (frame >= 0) {
    ++r->seen[frame];
    r->sequence[frame] = result->sequence_id_;
  }
  r->calls += 1;
  r->good += ok;
  pthread_cond_signal(&r->cv);
  pthread_mutex_unlock(&r->mu);
}

/* Waits (at most 20 s) until the callback ran `calls` times. */
static int WaitCalls(struct Received* r, int calls) {
  struct timespec deadline;
  int done;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 20;
  pthread_mutex_lock(&r->mu);
  while (r->calls < calls) {
    if (pthread_cond_timedwait(&r->cv, &r->mu, &deadline) != 0) break;
  }
  done = r->calls == calls;
  pthread_mutex_unlock(&r->mu);
  return done;
}

static void CheckDataModel(void) {
  HobotXStreamCapiDataList* list = HobotXStreamCapiDataListAlloc(3);
  HobotXStreamCapiBaseDataVector* vec = HobotXStreamCapiBaseDataVectorAlloc(2);
  HobotXStreamCapiData* as_data = &vec->parent_;
  CHECK(list != NULL && list->datas_size_ == 3 && list->datas_[0] == NULL &&
        list->datas_[2] == NULL);
  HobotXStreamCapiDataListFree(&list); /* NULL elements are skipped */
  CHECK(list == NULL);
  HobotXStreamCapiDataListFree(&list); /* freeing NULL is a no-op */
  CHECK(vec != NULL && strcmp(vec->parent_.type_, "BaseDataVector") == 0);
  CHECK(vec->parent_.context_ != NULL && vec->datas_ != NULL && vec->datas_->datas_size_ == 2);
  HobotXStreamCapiDataFree(&as_data); /* through its context's free function */
  CHECK(as_data == NULL);
  vec = HobotXStreamCapiBaseDataVectorAlloc(0);
  HobotXStreamCapiBaseDataVectorFree(&vec);
  CHECK(vec == NULL);
}

static void CheckInitErrors(const char* data_dir) {
  HobotXStreamCapiHandle handle = &handle;
  char path[1024];
  CHECK(HobotXStreamCapiInit(NULL) == HOBOTXSTREAM_ERROR_INVALID_PARAM);
  /* No config_file yet. */
  CHECK(HobotXStreamCapiInit(&handle) == HOBOTXSTREAM_ERROR_INVALID_PARAM && handle == NULL);
  CHECK(HobotXStreamCapiSetGlobalConfig(NULL, "x") == HOBOTXSTREAM_ERROR_INPUT_INVALID);
  snprintf(path, sizeof path, "%s/capi/no_such_workflow.json", data_dir);
  CHECK(HobotXStreamCapiSetGlobalConfig("config_file", path) == 0);
  CHECK(HobotXStreamCapiInit(&handle) == -1 && handle == NULL);
  /* A validation code of XStreamSDK::Init (WORKFLOW_CIRCLE_ERROR, 3) comes back negated. */
  snprintf(path, sizeof path, "%s/configs/config_circle.json", data_dir);
  CHECK(HobotXStreamCapiSetGlobalConfig("config_file", path) == 0);
  CHECK(HobotXStreamCapiInit(&handle) == -3 && handle == NULL);
  CHECK(HobotXStreamCapiFinalize(NULL) == HOBOTXSTREAM_ERROR_INVALID_PARAM);
}

static void CheckSync(HobotXStreamCapiHandle handle) {
  HobotXStreamCapiInputList* input = MakeInput(5);
  HobotXStreamCapiDataList* output = NULL;
  HobotXStreamCapiInputList* empty = HobotXStreamCapiDataListAlloc(0);
  HobotXStreamCapiInputList* holey = HobotXStreamCapiDataListAlloc(1);
  CHECK(HobotXStreamCapiProcessSync(handle, input, &output) == 0);
  CHECK(OutputTag(output) == 5);
  HobotXStreamCapiDataListFree(&output);
  CHECK(HobotXStreamCapiProcessSync(NULL, input, &output) == HOBOTXSTREAM_ERROR_INVALID_PARAM);
  CHECK(HobotXStreamCapiProcessSync(handle, NULL, &output) == HOBOTXSTREAM_ERROR_INVALID_PARAM);
  CHECK(HobotXStreamCapiProcessSync(handle, input, NULL) == HOBOTXSTREAM_ERROR_INVALID_PARAM);
  CHECK(HobotXStreamCapiProcessSync(handle, empty, &output) == HOBOTXSTREAM_ERROR_INPUT_INVALID);
  CHECK(HobotXStreamCapiProcessSync(handle, holey, &output) == HOBOTXSTREAM_ERROR_INPUT_INVALID);
  CHECK(output == NULL);
  /* Data for a slot the workflow does not read: the frame is refused. */
  input->datas_[0]->name_ = "not_an_input";
  CHECK(HobotXStreamCapiProcessSync(handle, input, &output) == HOBOTXSTREAM_ERROR_INPUT_INVALID);
  CHECK(output == NULL);
  HobotXStreamCapiDataListFree(&input);
  HobotXStreamCapiDataListFree(&empty);
  HobotXStreamCapiDataListFree(&holey);
}

static void CheckAsync(HobotXStreamCapiHandle handle) {
  struct Received r;
  int64_t ids[kFrames];
  int i;
  memset(&r, 0, sizeof r);
  pthread_mutex_init(&r.mu, NULL);
  pthread_cond_init(&r.cv, NULL);
  r.handle = handle;
  for (i = 0; i < kFrames; ++i) r.submitted[i] = MakeInput(100 + i);
  /* Without a callback an asynchronous frame is refused and consumes no sequence id. */
  CHECK(HobotXStreamCapiProcessAsync(handle, r.submitted[0]) == HOBOTXSTREAM_ERROR_INVALID_PARAM);
  CHECK(HobotXStreamCapiProcessAsync(NULL, r.submitted[0]) == HOBOTXSTREAM_ERROR_INVALID_PARAM);
  CHECK(HobotXStreamCapiSetCallback(NULL, OnResult, &r) == HOBOTXSTREAM_ERROR_INVALID_PARAM);
  CHECK(HobotXStreamCapiSetCallback(handle, OnResult, &r) == 0);
  for (i = 0; i < kFrames; ++i) {
    ids[i] = HobotXStreamCapiProcessAsync(handle, r.submitted[i]);
    CHECK(ids[i] >= 0 && (i == 0 || ids[i] == ids[i - 1] + 1));
  }
  CHECK(WaitCalls(&r, kFrames));
  pthread_mutex_lock(&r.mu);
  CHECK(r.good == kFrames);
  for (i = 0; i < kFrames; ++i) CHECK(r.seen[i] == 1 && r.sequence[i] == ids[i]);
  pthread_mutex_unlock(&r.mu);
  /* Removing the callback refuses asynchronous frames again. */
  CHECK(HobotXStreamCapiSetCallback(handle, NULL, NULL) == 0);
  CHECK(HobotXStreamCapiProcessAsync(handle, r.submitted[0]) == HOBOTXSTREAM_ERROR_INVALID_PARAM);
  for (i = 0; i < kFrames; ++i) HobotXStreamCapiDataListFree(&r.submitted[i]);
  pthread_cond_destroy(&r.cv);
  pthread_mutex_destroy(&r.mu);
}

static void CheckConfig(HobotXStreamCapiHandle handle) {
  const char* initial = "{\"threshold\": 2500}";
  char buf[64];
  uint32_t length = 0;
  CHECK(HobotXStreamCapiGetConfig(handle, "filter", NULL, &length) == 0);
  CHECK(length == strlen(initial) + 1);
  length = (uint32_t)strlen(initial); /* one byte short */
  CHECK(HobotXStreamCapiGetConfig(handle, "filter", buf, &length) ==
        HOBOTXSTREAM_ERROR_INPUT_INVALID);
  CHECK(length == strlen(initial) + 1);
  CHECK(HobotXStreamCapiGetConfig(handle, "filter", buf, &length) == 0 &&
        strcmp(buf, initial) == 0);
  CHECK(HobotXStreamCapiUpdateConfig(handle, "filter", "{\"threshold\": 10}") == 0);
  length = sizeof buf;
  CHECK(HobotXStreamCapiGetConfig(handle, "filter", buf, &length) == 0);
  CHECK(strcmp(buf, "{\"threshold\": 10}") == 0);
  CHECK(HobotXStreamCapiUpdateConfig(handle, "filter", "not json") == -1);
  CHECK(HobotXStreamCapiUpdateConfig(handle, "no_such_node", "{}") == 1);
  CHECK(HobotXStreamCapiUpdateConfig(handle, NULL, "{}") == HOBOTXSTREAM_ERROR_INPUT_INVALID);
  /* A method without parameter, and an unknown node. */
  CHECK(HobotXStreamCapiGetConfig(handle, "pass", NULL, &length) ==
        HOBOTXSTREAM_ERROR_INVALID_PARAM);
  CHECK(HobotXStreamCapiGetConfig(handle, "nope", NULL, &length) ==
        HOBOTXSTREAM_ERROR_INVALID_PARAM);
  CHECK(HobotXStreamCapiGetConfig(handle, "filter", buf, NULL) == HOBOTXSTREAM_ERROR_INPUT_INVALID);
  CHECK(HobotXStreamCapiSetConfig(handle, "free_framedata", "on") == 0);
  CHECK(HobotXStreamCapiSetConfig(handle, "no_such_key", "on") == HOBOTXSTREAM_ERROR_INVALID_PARAM);
  CHECK(HobotXStreamCapiSetConfig(NULL, "free_framedata", "on") ==
        HOBOTXSTREAM_ERROR_INPUT_INVALID);
}

static void CheckInfo(const char* data_dir) {
  char path[1024];
  CHECK(strcmp(HobotXStreamCapiGetVersion(), "0.0.18") == 0);
  CHECK(strcmp(HobotXStreamCapiGetLicenseInfo(), "INVALID INFO") == 0); /* no path yet */
  snprintf(path, sizeof path, "%s/capi/license", data_dir);
  HobotXStreamCapiSetLicensePath(path);
  CHECK(strcmp(HobotXStreamCapiGetLicenseInfo(), "TOKEN-42") == 0);
  HobotXStreamCapiSetLicensePath(data_dir); /* no license.txt there */
  CHECK(strcmp(HobotXStreamCapiGetLicenseInfo(), "INVALID INFO") == 0);
}

int main(int argc, char** argv) {
  HobotXStreamCapiHandle handle = NULL;
  char path[1024];
  if (argc != 2) {
    fprintf(stderr, "usage: %s <tests/data/xstream>\n", argv[0]);
    return 2;
  }
  CheckInfo(argv[1]);
  CheckDataModel();
  CheckInitErrors(argv[1]);
  snprintf(path, sizeof path, "%s/capi/passthrough.json", argv[1]);
  CHECK(HobotXStreamCapiSetGlobalConfig("config_file", path) == 0);
  CHECK(HobotXStreamCapiInit(&handle) == 0 && handle != NULL);
  if (handle != NULL) {
    CheckSync(handle);
    CheckAsync(handle);
    CheckConfig(handle);
    CHECK(HobotXStreamCapiFinalize(handle) == 0);
  }
  if (failures == 0) printf("xstream C API: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
