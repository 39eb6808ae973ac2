#pragma once

#include "sql/connectionoptions.h"
#include "store/connectionprofile.h"

namespace App {

// Turns a saved profile (plus the password from the keychain or a prompt) into what the query engine
// connects with. TLS stays verified unless the profile explicitly disables it; the engine itself still
// refuses plaintext to anything but loopback or a socket.
class ProfileOptions
{
public:
    static Sql::ConnectionOptions from(const Store::ConnectionProfile &profile, const QString &password);
};

} // namespace App
