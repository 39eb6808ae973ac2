// Saved connections, as the window offers them (File › Saved Connections…): a profile saved from the list
// comes back from the store as it was saved and without its password, connects a SQL tab to the fixture's
// TLS MariaDB, asks for the password when the keychain has none, and can be edited and deleted.
#include "app/savedconnections.h"
#include "app/workspace.h"
#include "store/profilestore.h"
#include "store/sqlitefile.h"
#include "testdb.h"
#include "ui/common/mainwindow.h"
#include "ui/common/savedconnectionsdialog.h"
#include "ui/editor/querytab.h"
#include "ui/editor/sqleditor.h"
#include "ui/results/resultpane.h"
#include "ui/results/resultsetmodel.h"

#include <QAction>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestSavedConnections : public QObject
{
    Q_OBJECT

private:
    TestDb m_db;
    std::unique_ptr<Ui::MainWindow> m_window;
    std::unique_ptr<App::Workspace> m_workspace;

    Store::ConnectionProfile fixtureProfile() const
    {
        Store::ConnectionProfile p;
        p.name = u"fixture server"_s;
        p.host = m_db.host;
        p.port = m_db.port;
        p.user = m_db.user;
        p.database = m_db.database;
        p.caFile = m_db.caFile;
        p.production = true;
        p.color = u"#336699"_s;
        return p;
    }

    QString runScalar(Ui::QueryTab *tab, const QString &sql)
    {
        QSignalSpy finished(tab, &Ui::QueryTab::runFinished);
        tab->editor()->setText(sql);
        tab->runAll();
        if (!finished.wait(30000) || !tab->resultPane(0))
            return {};
        return tab->resultPane(0)->model()->index(0, 0).data().toString();
    }

    QByteArray storeFiles() const
    {
        QByteArray bytes;
        for (const QString &suffix : { u""_s, u"-wal"_s }) {
            QFile file(Store::SqliteFile::defaultPath() + suffix);
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        return bytes;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<Ui::QueryTab *>();
        QStandardPaths::setTestModeEnabled(true);
        m_db = TestDb::fromEnvironment();
        QVERIFY2(m_db.isValid(), qPrintable(TestDb::missingReason()));
        QVERIFY(!m_db.password.isEmpty());
        m_window = std::make_unique<Ui::MainWindow>(Ui::AboutDialog::Components {});
        m_workspace = std::make_unique<App::Workspace>(m_window.get());
    }

    void cleanupTestCase()
    {
        m_workspace.reset();
        m_window.reset();
    }

    void savedConnectionRoundTrip()
    {
        QVERIFY(m_window->findChild<QAction *>(u"actionNewConnection"_s));
        auto *action = m_window->findChild<QAction *>(u"actionSavedConnections"_s);
        QVERIFY(action);
        action->trigger();
        QPointer<Ui::SavedConnectionsDialog> dialog
            = m_window->findChild<Ui::SavedConnectionsDialog *>(u"savedConnectionsDialog"_s);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        const int before = dialog->count(); // the test-mode store may hold other tests' profiles

        // Saved: listed, and read back by another store (as after a restart) exactly, without a secret.
        const Store::ConnectionProfile profile = fixtureProfile();
        auto stored = dialog->saveProfile(profile, m_db.password, false);
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message));
        QVERIFY(!stored->id.isEmpty());
        QCOMPARE(dialog->count(), before + 1);
        QCOMPARE(dialog->selectedId(), stored->id);
        QStringList names;
        for (int row = 0; row < dialog->count(); ++row)
            names << dialog->nameAt(row);
        QVERIFY2(names.filter(u"fixture server"_s).size() == 1, qPrintable(names.join(u'\n')));
        Store::ProfileStore reread;
        QVERIFY(reread.open().ok());
        Store::ConnectionProfile expected = profile;
        expected.id = stored->id;
        auto back = reread.profile(stored->id);
        QVERIFY(back.ok());
        QCOMPARE(back.value(), expected);
        const QByteArray files = storeFiles();
        QVERIFY(files.contains("fixture server"));
        QVERIFY(!files.contains(m_db.password.toUtf8()));

        // Connect: a SQL tab on the saved profile, over the fixture's verified TLS, the list closed.
        QSignalSpy opened(m_workspace.get(), &App::Workspace::tabOpened);
        dialog->connectSelected();
        QTRY_COMPARE(opened.size(), 1);
        auto *tab = opened.first().first().value<Ui::QueryTab *>();
        QCOMPARE(tab->profile().id, stored->id);
        QVERIFY(tab->profile().production);
        QCOMPARE(runScalar(tab, u"SELECT 6 * 7"_s), u"42"_s);
        QTRY_VERIFY(!dialog);

        // Without a password typed in this session the keychain is asked, then the user.
        int asked = 0;
        m_workspace->savedConnections()->setPasswordPrompt([&](const Store::ConnectionProfile &p) {
            ++asked;
            return p.id == stored->id ? std::optional<QString>(m_db.password) : std::nullopt;
        });
        m_workspace->savedConnections()->connectProfile(back.value(), {});
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, 30000); // the keychain answers first (no entry)
        QCOMPARE(asked, 1);
        auto *second = opened.at(1).first().value<Ui::QueryTab *>();
        QCOMPARE(runScalar(second, u"SELECT CURRENT_USER() IS NOT NULL"_s), u"1"_s);

        // Edited and deleted through the list.
        dialog = m_workspace->savedConnections()->showSaved();
        QCOMPARE(dialog->count(), before + 1);
        expected.name = u"renamed"_s;
        expected.production = false;
        QVERIFY(dialog->saveProfile(expected, {}, false).ok());
        QCOMPARE(dialog->count(), before + 1);
        QCOMPARE(reread.profile(stored->id).value(), expected);
        dialog->select(stored->id);
        QVERIFY(dialog->removeSelected().ok());
        QCOMPARE(dialog->count(), before);
        QVERIFY(!reread.profile(stored->id).ok());
        dialog->close();
    }
};

QTEST_MAIN(TestSavedConnections)
#include "tst_saved_connections.moc"
