#pragma once

#include "api/apiresult.h"
#include "core/keyspace.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace Api {
class ApiClient;
}

namespace Ui {

// A branch's Vitess keyspaces in its schema document: name, sharding, shards and replicas of each
// (list_keyspaces), and a VSchema button that fetches the chosen keyspace's VSchema (get_keyspace_vschema)
// for the document to show.
class KeyspaceBar : public QWidget
{
    Q_OBJECT
public:
    explicit KeyspaceBar(Api::ApiClient *client, QWidget *parent = nullptr);

    void setBranch(const QString &org, const QString &database, const QString &branch);
    void clear();
    void showVSchema(); // of the keyspace chosen in the list
    // Chooses `keyspace` and shows its VSchema, once the list is there (a keyspace opened from the tree).
    void showVSchemaOf(const QString &keyspace);
    QString text() const;
    const QList<Core::Keyspace> &keyspaces() const { return m_keyspaces; }

Q_SIGNALS:
    void keyspacesLoaded(int count); // -1: the request failed
    void vschemaLoaded(const QString &keyspace, const QString &raw);
    void failed(const QString &message);

private:
    static QString describe(const Core::Keyspace &keyspace);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QString m_branch;
    Api::RequestId m_listRequest = 0;
    Api::RequestId m_vschemaRequest = 0;
    QList<Core::Keyspace> m_keyspaces;
    QString m_wanted; // showVSchemaOf before the list came
    QLabel *m_text;
    QComboBox *m_choice;
    QPushButton *m_vschema;
};

} // namespace Ui
