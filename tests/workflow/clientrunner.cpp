#include "clientrunner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;
using Kind = Core::ConnectionStrings::Kind;

bool ClientRunner::canRun(Kind kind)
{
    return kind != Kind::MysqlClient && kind != Kind::PythonMysqlConnector && kind != Kind::Go;
}

QStringList ClientRunner::shellWords(const QString &line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u'\'') {
            const qsizetype end = line.indexOf(u'\'', i + 1);
            word += line.mid(i + 1, end - i - 1);
            i = end;
            inWord = true;
        } else if (c == u'\\' && i + 1 < line.size()) {
            word += line.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    return words;
}

QString ClientRunner::write(const QString &name, const QString &text) const
{
    const QString path = QDir(m_dir).filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(text.toUtf8());
    return path;
}

ClientRun ClientRunner::exec(const QString &program, const QStringList &args, const QStringList &env) const
{
    ClientRun run;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &pair : env)
        environment.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    process.setProcessEnvironment(environment);
    process.start(program, args);
    run.started = process.waitForStarted(10000);
    if (!run.started) {
        run.output = program + u": "_s + process.errorString();
        return run;
    }
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
        run.output = program + u": timed out"_s;
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output = QString::fromUtf8(process.readAll()).trimmed();
    return run;
}

ClientRun ClientRunner::run(Kind kind, const QString &text) const
{
    switch (kind) {
    case Kind::MariadbClient: {
        QStringList words = shellWords(text);
        const QString program = words.takeFirst();
        return exec(program,
            QStringList { u"--batch"_s, u"--skip-column-names"_s } + words
                + QStringList { u"-e"_s, u"SELECT CURRENT_USER()"_s });
    }
    case Kind::PythonPyMysql:
        return exec(u"/usr/bin/python3"_s,
            { write(u"check.py"_s,
                text
                    + u"with connection.cursor() as cursor:\n    cursor.execute(\"SELECT CURRENT_USER()\")\n"
                      u"    print(cursor.fetchone()[0])\n"_s) });
    case Kind::Node: {
        QString script = text;
        script.replace(u"require(\"mysql2\")"_s, u"require(\"mysql\")"_s);
        script += u"connection.query(\"SELECT CURRENT_USER() AS u\", (error, rows) => {\n"
                  u"  if (error) { console.error(error.message); process.exit(1); }\n"
                  u"  console.log(rows[0].u);\n  connection.end();\n});\n"_s;
        return exec(u"node"_s, { write(u"check.js"_s, script) }, { u"NODE_PATH=/usr/share/nodejs"_s });
    }
    case Kind::Rails:
        // ActiveRecord's mysql2 adapter passes the entry, keys as symbols, to Mysql2::Client.new.
        return exec(u"ruby"_s,
            { write(u"check.rb"_s,
                  u"require \"yaml\"\nrequire \"mysql2\"\nconfig = "
                  u"YAML.safe_load(File.read(ARGV[0]))[\"development\"]\n"
                  u"config.delete(\"adapter\")\nclient = Mysql2::Client.new(config.transform_keys(&:to_sym))\n"
                  u"puts client.query(\"SELECT CURRENT_USER() AS u\").first[\"u\"]\n"_s),
                write(u"database.yml"_s, text) });
    case Kind::Jdbc:
        return exec(u"java"_s,
            { u"-cp"_s, u"/usr/share/java/mariadb-java-client.jar"_s,
                write(u"Check.java"_s,
                    u"import java.sql.*;\npublic class Check {\n  public static void main(String[] a) throws Exception "
                    u"{\n"
                    u"    try (Connection c = DriverManager.getConnection(a[0]);\n"
                    u"         ResultSet r = c.createStatement().executeQuery(\"SELECT CURRENT_USER()\")) {\n"
                    u"      r.next();\n      System.out.println(r.getString(1));\n    }\n  }\n}\n"_s),
                text });
    default:
        return {};
    }
}
