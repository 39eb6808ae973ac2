# One interface target carries the language level, strict Qt macros and warnings for every target.
add_library(branchdeck_options INTERFACE)
target_compile_features(branchdeck_options INTERFACE cxx_std_20)
target_compile_definitions(branchdeck_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_NO_JAVA_STYLE_ITERATORS
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    BRANCHDECK_VERSION="${PROJECT_VERSION}")
target_include_directories(branchdeck_options INTERFACE "${PROJECT_SOURCE_DIR}/src")
target_compile_options(branchdeck_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    $<$<BOOL:${BRANCHDECK_WERROR}>:-Werror>)

if(BRANCHDECK_SANITIZE)
    target_compile_options(branchdeck_options INTERFACE -fsanitize=${BRANCHDECK_SANITIZE} -fno-omit-frame-pointer)
    target_link_options(branchdeck_options INTERFACE -fsanitize=${BRANCHDECK_SANITIZE})
endif()

# Fuzzing: every layer carries libFuzzer's coverage instrumentation; any undefined behaviour stops the run.
if(BRANCHDECK_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "BRANCHDECK_FUZZ needs clang (libFuzzer): use the fuzz preset")
    endif()
    target_compile_options(branchdeck_options INTERFACE -fsanitize=fuzzer-no-link -fno-sanitize-recover=all)
    target_link_options(branchdeck_options INTERFACE -fno-sanitize-recover=all)
endif()

# Precompiled Qt headers, per target (the compile flags differ between layers).
function(branchdeck_precompile target)
    target_precompile_headers(${target} PRIVATE ${ARGN})
endfunction()

# A layer is a static library of the .cpp/.h files in its folder and its rooms (subfolders), linked only to
# what DESIGN.md allows.
function(branchdeck_layer name)
    cmake_parse_arguments(ARG "" "" "LINKS;PCH" ${ARGN})
    file(GLOB_RECURSE _sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp" "${CMAKE_CURRENT_SOURCE_DIR}/*.h")
    add_library(branchdeck_${name} STATIC ${_sources})
    add_library(Branchdeck::${name} ALIAS branchdeck_${name})
    target_link_libraries(branchdeck_${name} PUBLIC branchdeck_options ${ARG_LINKS})
    if(ARG_PCH)
        branchdeck_precompile(branchdeck_${name} ${ARG_PCH})
    endif()
endfunction()
