// The app's local data is the user's alone: the data folder is 0700 and the SQLite file with its WAL and
// shared-memory companions 0600, whatever the umask; files left more open by older versions are tightened.

#include "store/history.h"
#include "store/sqlitefile.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

} // namespace

class TestStoreFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_oldUmask = ::umask(022); // what most desktops use: without care, files come out world-readable
        QStandardPaths::setTestModeEnabled(true);
    }
    void cleanupTestCase() { ::umask(m_oldUmask); }

    void newFolderAndFilesArePrivate()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(u"appdata"_s);
        const QString path = folder + u"/branchdeck.sqlite"_s;
        Store::History history;
        QVERIFY(history.open(path).ok());
        QVERIFY(history.recordStarted(u"SELECT 1"_s, u"t"_s).ok()); // the WAL exists now
        QCOMPARE(modeOf(folder), 0700);
        QCOMPARE(modeOf(path), 0600);
        QVERIFY(QFile::exists(path + u"-wal"_s));
        QCOMPARE(modeOf(path + u"-wal"_s), 0600);
        QCOMPARE(modeOf(path + u"-shm"_s), 0600);
    }

    void existingFilesAreTightened()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"old.sqlite"_s);
        {
            Store::History history;
            QVERIFY(history.open(path).ok());
        }
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        Store::History history;
        QVERIFY(history.open(path).ok());
        QCOMPARE(modeOf(path), 0600);
    }

    void defaultFolderIsPrivate()
    {
        const QString folder = QFileInfo(Store::SqliteFile::defaultPath()).absolutePath();
        QVERIFY(folder.contains(u"qttest"_s)); // test mode: never the user's real data
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0755) == 0);
        {
            Store::History history;
            QVERIFY(history.open().ok());
            QCOMPARE(modeOf(folder), 0700);
            QCOMPARE(modeOf(Store::SqliteFile::defaultPath()), 0600);
        }
        for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
            QFile::remove(Store::SqliteFile::defaultPath() + suffix);
    }

private:
    mode_t m_oldUmask = 022;
};

QTEST_GUILESS_MAIN(TestStoreFiles)
#include "tst_storefiles.moc"
