#pragma once

#include <QString>

namespace Local {

class SqlSession;
class MetaStore;
class JsonViews;
class Accounts;
class DeployQueue;

// What the endpoint handlers share; all of it lives on the server thread.
struct Services
{
    SqlSession *session = nullptr;
    MetaStore *meta = nullptr;
    JsonViews *views = nullptr;
    Accounts *accounts = nullptr;
    DeployQueue *deploys = nullptr;
};

} // namespace Local
