# Use ccache when present. Precompiled headers need these sloppiness settings to be cacheable.
find_program(BRANCHDECK_CCACHE ccache)
if(BRANCHDECK_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER
        "${CMAKE_COMMAND};-E;env;CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime;${BRANCHDECK_CCACHE}")
    message(STATUS "Using ccache: ${BRANCHDECK_CCACHE}")
endif()
