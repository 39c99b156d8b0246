// XStream 2.x SDK version (source compatibility).
#ifndef HOBOTXSDK_VERSION_H_
#define HOBOTXSDK_VERSION_H_

#define HOBOTXSDK_VERSION "0.0.18"
#define HOBOTXSDK_VERSION_TIME HOBOTXSDK_VERSION " " __TIMESTAMP__

#endif  // HOBOTXSDK_VERSION_H_
