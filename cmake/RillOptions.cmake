# Warnings and sanitizer flags shared by every rill target.
add_library(rill_options INTERFACE)
target_compile_options(rill_options INTERFACE -Wall -Wextra -Wno-unused-parameter)
if(RILL_SANITIZE)
  string(REPLACE ";" "," _rill_san "${RILL_SANITIZE}")
  add_compile_options(-fsanitize=${_rill_san} -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${_rill_san})
endif()
