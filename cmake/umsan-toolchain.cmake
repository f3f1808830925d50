# CMake toolchain file: build a project with umsan.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=<umsan>/cmake/umsan-toolchain.cmake \
#         [-DUMSAN_FLAGS="-fumsan-config=/abs/models.toml -fno-umsan-track-origins"] ..
#
# Selects umsan-cc as the C compiler and umsan-c++ as the C++ compiler (when
# it exists), and adds -g (file:line in reports) and UMSAN_FLAGS to every
# compile. The tools are looked for in UMSAN_BIN_DIR, next to an installed
# copy of this file (PREFIX/share/umsan/cmake -> PREFIX/bin), in the umsan
# checkout's target/release, then on PATH. Config files in UMSAN_FLAGS should
# be absolute: compiles run in the build tree.
cmake_minimum_required(VERSION 3.18)

set(UMSAN_BIN_DIR "" CACHE PATH "Directory holding umsan-cc and umsan-c++ (default: searched)")
set(UMSAN_FLAGS "" CACHE STRING "umsan flags for every C and C++ compile, e.g. -fumsan-config=/abs/models.toml")
# try_compile projects (compiler checks) read this file again: pass them on.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES UMSAN_BIN_DIR UMSAN_FLAGS)

set(_umsan_hints
    "${UMSAN_BIN_DIR}"
    "${CMAKE_CURRENT_LIST_DIR}/../../../bin"
    "${CMAKE_CURRENT_LIST_DIR}/../target/release")
find_program(UMSAN_CC NAMES umsan-cc HINTS ${_umsan_hints} NO_CACHE)
if(NOT UMSAN_CC)
    message(FATAL_ERROR "umsan-toolchain.cmake: umsan-cc not found (looked in ${_umsan_hints} and PATH); "
                        "build umsan with `cargo build --release` or set UMSAN_BIN_DIR")
endif()
find_program(UMSAN_CXX NAMES umsan-c++ HINTS ${_umsan_hints} NO_CACHE)

set(CMAKE_C_COMPILER "${UMSAN_CC}")
set(CMAKE_C_FLAGS_INIT "-g ${UMSAN_FLAGS}")
if(UMSAN_CXX)
    set(CMAKE_CXX_COMPILER "${UMSAN_CXX}")
    set(CMAKE_CXX_FLAGS_INIT "-g ${UMSAN_FLAGS}")
endif()
