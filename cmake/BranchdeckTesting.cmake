# Test registration. Every test carries a kind label (unit, integration, gui, e2e, bench) and a layer label.
#   branchdeck_test(NAME tst_x KIND unit LAYER core SOURCES tst_x.cpp LIBS Branchdeck::core [ARGS ...] [TIMEOUT s])
# integration, e2e and bench tests get the private TLS MariaDB fixture ("testdb"): they run through
# with-testdb.sh, which exports the BRANCHDECK_TEST_MYSQL_* variables the fixture wrote.
# gui and e2e tests run with QT_QPA_PLATFORM=offscreen. bench entries are left out of the README's test command.

set(BRANCHDECK_TESTDB_DIR "${CMAKE_BINARY_DIR}/testdb")
set(BRANCHDECK_FIXTURES_DIR "${PROJECT_SOURCE_DIR}/tests/fixtures")

function(branchdeck_testdb_fixture)
    add_test(NAME testdb_start COMMAND bash "${BRANCHDECK_FIXTURES_DIR}/testdb.sh" start "${BRANCHDECK_TESTDB_DIR}")
    add_test(NAME testdb_stop COMMAND bash "${BRANCHDECK_FIXTURES_DIR}/testdb.sh" stop "${BRANCHDECK_TESTDB_DIR}")
    set_tests_properties(testdb_start PROPERTIES FIXTURES_SETUP testdb LABELS "integration;sql" TIMEOUT 120)
    set_tests_properties(testdb_stop PROPERTIES FIXTURES_CLEANUP testdb LABELS "integration;sql" TIMEOUT 60)
endfunction()

function(branchdeck_test)
    cmake_parse_arguments(T "" "NAME;KIND;LAYER;TIMEOUT" "SOURCES;LIBS;ARGS;LABELS" ${ARGN})
    if(NOT T_NAME OR NOT T_KIND OR NOT T_LAYER)
        message(FATAL_ERROR "branchdeck_test needs NAME, KIND and LAYER")
    endif()
    # A test whose sources are missing is an error in CI; elsewhere (work in progress) a warning.
    foreach(_src IN LISTS T_SOURCES)
        if(NOT IS_ABSOLUTE "${_src}" AND NOT EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/${_src}")
            if(DEFINED ENV{CI})
                message(FATAL_ERROR "${T_NAME}: source ${_src} is missing")
            endif()
            message(WARNING "${T_NAME}: source ${_src} is missing; test not added")
            return()
        endif()
    endforeach()
    if(NOT TARGET ${T_NAME})
        add_executable(${T_NAME} ${T_SOURCES})
        target_link_libraries(${T_NAME} PRIVATE branchdeck_options branchdeck_testsupport Qt6::Test ${T_LIBS})
    endif()
    set(_cmd $<TARGET_FILE:${T_NAME}> ${T_ARGS})
    if(T_KIND MATCHES "^(integration|e2e|bench)$")
        set(_cmd bash "${BRANCHDECK_FIXTURES_DIR}/with-testdb.sh" "${BRANCHDECK_TESTDB_DIR}/env" ${_cmd})
    endif()
    add_test(NAME ${T_NAME} COMMAND ${_cmd})
    set(_env "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=qt.qpa.*=false;BRANCHDECK_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
    set_tests_properties(${T_NAME} PROPERTIES
        LABELS "${T_KIND};${T_LAYER};${T_LABELS}"
        ENVIRONMENT "${_env}"
        TIMEOUT "${T_TIMEOUT}")
    if(NOT T_TIMEOUT)
        set_tests_properties(${T_NAME} PROPERTIES TIMEOUT 120)
    endif()
    if(T_KIND MATCHES "^(integration|e2e|bench)$")
        set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED testdb)
    endif()
    if(T_KIND STREQUAL "bench")
        set_tests_properties(${T_NAME} PROPERTIES RUN_SERIAL TRUE)
    endif()
endfunction()
