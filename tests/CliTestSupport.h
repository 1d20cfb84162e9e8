// What the command-line tests share: run layerlab-cli as a script would (arguments in, exit code
// and both streams out) and read its JSON lines. One copy, so a fix to how a test waits for the
// process reaches every test.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace layerlab::tests {

struct CliRun {
    int code = -1;
    QString out, err;
};

inline CliRun cli(const QStringList& args) {
    QProcess p;
    p.start(LAYERLAB_CLI, args);
    if (!p.waitForFinished(120000)) return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace layerlab::tests
