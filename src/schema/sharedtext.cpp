#include "schema/sharedtext.h"

namespace Schema {

namespace {

constexpr int batch = 1024;

} // namespace

SharedText::SharedText(const QString &text)
    : m_text(text.data_ptr().isMutable() ? text : QString(text.constData(), text.size()))
{ }

void SharedText::takeRefs()
{
    m_text.data_ptr().d_ptr()->ref_.fetchAndAddRelaxed(batch);
    m_refsLeft = batch;
}

void SharedText::release()
{
    if (m_refsLeft > 0)
        m_text.data_ptr().d_ptr()->ref_.fetchAndAddRelaxed(-m_refsLeft);
    m_refsLeft = 0;
}

} // namespace Schema
