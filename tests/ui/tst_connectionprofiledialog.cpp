#include "ui/common/connectionprofiledialog.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;

class TestConnectionProfileDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pastedUrlFillsForm()
    {
        Ui::ConnectionProfileDialog dialog;
        auto *url = dialog.findChild<QLineEdit *>(u"urlEdit"_s);
        QVERIFY(url);
        url->setText(u"mysql://alice:s%3Acret@db.example.com:3307/shop?ssl-mode=VERIFY_IDENTITY"_s);
        const auto p = dialog.profile();
        QCOMPARE(p.host, u"db.example.com"_s);
        QCOMPARE(p.port, 3307);
        QCOMPARE(p.user, u"alice"_s);
        QCOMPARE(p.database, u"shop"_s);
        QCOMPARE(p.tlsMode, Store::TlsMode::VerifyIdentity);
        QCOMPARE(p.name, u"shop @ db.example.com"_s);
        QCOMPARE(dialog.password(), u"s:cret"_s);
        QVERIFY(url->text().isEmpty()); // the password does not stay visible in the URL field
        QVERIFY(dialog.validationProblem().isEmpty());
        auto *save = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        QVERIFY(save->isEnabled());
    }

    void badUrlIsReported()
    {
        Ui::ConnectionProfileDialog dialog;
        QVERIFY(!dialog.applyUrl(u"https://example.com"_s));
        QVERIFY(dialog.message().contains(u"mysql://"_s));
    }

    void plaintextOnlyToLoopback()
    {
        Ui::ConnectionProfileDialog dialog;
        QVERIFY(dialog.applyUrl(u"mysql://root@db.example.com/x?ssl-mode=DISABLED"_s));
        QVERIFY(!dialog.validationProblem().isEmpty());
        auto *save = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        QVERIFY(!save->isEnabled());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // refused
        QVERIFY(dialog.applyUrl(u"mysql://root@127.0.0.1/x?ssl-mode=DISABLED"_s));
        QVERIFY(dialog.validationProblem().isEmpty());
        QVERIFY(save->isEnabled());
    }

    void roundTripKeepsIdAndFlags()
    {
        Store::ConnectionProfile p;
        p.id = u"abc"_s;
        p.name = u"Prod"_s;
        p.host = u"h"_s;
        p.user = u"u"_s;
        p.production = true;
        p.caFile = u"/ca.pem"_s;
        p.color = u"#112233"_s;
        Ui::ConnectionProfileDialog dialog;
        dialog.setProfile(p);
        QCOMPARE(dialog.profile(), p);
        // A pasted URL keeps the profile's identity and production flag.
        QVERIFY(dialog.applyUrl(u"mysql://v@other/d"_s));
        QCOMPARE(dialog.profile().id, u"abc"_s);
        QVERIFY(dialog.profile().production);
        QCOMPARE(dialog.profile().name, u"Prod"_s);
        QCOMPARE(dialog.profile().user, u"v"_s);
    }
};

QTEST_MAIN(TestConnectionProfileDialog)
#include "tst_connectionprofiledialog.moc"
