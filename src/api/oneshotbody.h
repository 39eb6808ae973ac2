#pragma once

#include <QByteArray>
#include <QIODevice>

namespace Api {

// A request body the network stack can send only once: sequential and not resettable. Qt resends a request
// by itself when a connection breaks before the answer; for a POST the server may already have carried out,
// that would act twice. With this body (and DoNotBufferUploadDataAttribute) Qt reports ContentReSendError
// instead, and ApiClient decides, never sending it again.
class OneShotBody : public QIODevice
{
public:
    explicit OneShotBody(QByteArray data, QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_data.size() - m_position + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_position >= m_data.size() && QIODevice::bytesAvailable() == 0; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

} // namespace Api
