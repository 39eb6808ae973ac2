#pragma once

// QScintilla's headers use Qt's `signals`/`slots` keywords, which the project turns off (QT_NO_KEYWORDS).
// Every QScintilla include goes through this header, which maps them to Q_SIGNALS/Q_SLOTS for the
// duration of the include only.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#include <Qsci/qsciabstractapis.h>
#include <Qsci/qscilexersql.h>
#include <Qsci/qsciscintilla.h>
#include <Qsci/qscistyle.h>
#undef signals
#undef slots
