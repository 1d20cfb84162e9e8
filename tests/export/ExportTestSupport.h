// What the export tests share: running the CLI and other programs, reading `predict`'s CSV,
// comparing predictions within a tolerance.
#pragma once

#include "model/Model.h"
#include "model/ModelJson.h"

#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>

#include <cmath>
#include <cstring>

namespace layerlab::tests {

struct Run {
    int code = -1;
    QString out, err;
};

inline Run run(const QString& program, const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(180000)) return {-1, {}, program + " did not finish: " + p.errorString()};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

inline Run cli(const QStringList& args) { return run(LAYERLAB_CLI, args); }

// Rows: label (classifiers) and one value per output.
struct Predictions {
    QStringList labels;
    QList<QList<double>> values;
};

inline Predictions fromPredictCsv(const QString& csv, bool classifier) {
    Predictions p;
    QStringList lines = csv.split('\n', Qt::SkipEmptyParts);
    lines.removeFirst();
    for (const QString& line : lines) {
        QStringList cells = line.split(',');
        if (classifier) p.labels << cells.takeFirst();
        QList<double> row;
        for (const QString& c : cells) row << c.toDouble();
        p.values << row;
    }
    return p;
}

inline QString compare(const Predictions& got, const Predictions& want, double tolerance) {
    if (got.values.size() != want.values.size()) return QString("%1 rows, expected %2").arg(got.values.size()).arg(want.values.size());
    if (got.labels != want.labels) return "labels " + got.labels.join('|') + " vs " + want.labels.join('|');
    for (qsizetype r = 0; r < want.values.size(); ++r) {
        if (got.values[r].size() != want.values[r].size()) return QString("row %1: width differs").arg(r);
        for (qsizetype c = 0; c < want.values[r].size(); ++c)
            if (!(std::abs(got.values[r][c] - want.values[r][c]) <= tolerance))
                return QString("row %1 output %2: %3 vs %4").arg(r).arg(c).arg(got.values[r][c], 0, 'g', 9).arg(want.values[r][c], 0, 'g', 9);
    }
    return {};
}

inline void writeFile(const QString& path, const QString& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
}

/// Empty when `back` (a model read back from an export) is `original` bit for bit: weights,
/// network, preprocessing, loss and the JSON they make; else what differs.
inline QString modelDifference(const engine::model::Model& back, const engine::model::Model& original) {
    if (back.parameters.size() != original.parameters.size()) return "parameter count differs";
    if (std::memcmp(back.parameters.data(), original.parameters.data(), original.parameters.size() * sizeof(float)) != 0)
        return "parameters differ";
    if (!(back.network == original.network)) return "network differs";
    if (!(back.preprocessing.toJson() == original.preprocessing.toJson())) return "preprocessing differs";
    if (back.loss != original.loss) return "loss differs";
    if (!(engine::model::ModelJson::toJson(back) == engine::model::ModelJson::toJson(original))) return "JSON differs";
    return {};
}

} // namespace layerlab::tests
