#include "InspectionJobs.h"

#include "model/Probe.h"
#include "data/CharacterEncoder.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <functional>
#include <cmath>
#include <numeric>

namespace layerlab::app::training {

using namespace layerlab::engine;

namespace {

std::vector<float> row(const Matrix& m, Eigen::Index r) { return {m.row(r).data(), m.row(r).data() + m.cols()}; }

/// Colour of one grid cell's output, by what the loss makes of it.
QRgb outputColor(train::LossKind loss, const Matrix& out, Eigen::Index r, float lo, float hi,
                 const widgets::style::Colormap& colors) {
    if (loss == train::LossKind::BinaryCrossEntropy) return colors.sequential(1.0 / (1.0 + std::exp(-double(out(r, 0)))));
    if (loss == train::LossKind::SoftmaxCrossEntropy) {
        Eigen::Index best = 0;
        const float top = out.row(r).maxCoeff(&best);
        double sum = 0;
        for (Eigen::Index c = 0; c < out.cols(); ++c) sum += std::exp(double(out(r, c) - top));
        const double confidence = 1.0 / sum; // probability of the winning class
        const double k = double(out.cols());
        const double u = k > 1 ? std::clamp((confidence - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0) : 1.0;
        const QColor c = colors.classColor(int(best)), m = colors.mid;
        return qRgb(int(m.red() + (c.red() - m.red()) * u), int(m.green() + (c.green() - m.green()) * u),
                    int(m.blue() + (c.blue() - m.blue()) * u));
    }
    return colors.sequential(hi > lo ? (out(r, 0) - lo) / (hi - lo) : 0.5);
}

QImage surface(int n, const std::function<QRgb(Eigen::Index)>& color) {
    QImage img(n, n, QImage::Format_RGB32);
    for (int iy = 0; iy < n; ++iy)
        for (int ix = 0; ix < n; ++ix) img.setPixel(ix, n - 1 - iy, color(Eigen::Index(iy) * n + ix));
    return img;
}

} // namespace

std::shared_ptr<const Activity> InspectionJobs::activity(const train::Experiment& experiment,
                                                         std::shared_ptr<const train::ParameterSnapshot> parameters,
                                                         std::size_t sampleRow, int batchRows) {
    auto a = std::make_shared<Activity>();
    a->parameters = parameters;
    a->sampleRow = std::min(sampleRow, experiment.table().rowCount() - 1);
    if (experiment.preprocessing().sequence() == data::SequenceKind::Window) // a window needs rows behind it
        a->sampleRow = std::max(a->sampleRow, std::size_t(experiment.preprocessing().steps() - 1));
    const auto& validation = experiment.split().validation;
    const auto& source = validation.empty() ? experiment.split().train : validation;
    std::vector<std::size_t> rows{a->sampleRow};
    const std::size_t take = std::min<std::size_t>(std::size_t(std::max(0, batchRows)), source.size());
    for (std::size_t k = 0; k < take; ++k) rows.push_back(source[k * source.size() / std::max<std::size_t>(take, 1)]);
    const Matrix features = experiment.preprocessing().features(experiment.table(), rows);
    model::Probe probe(experiment.networkSpec());
    const auto layers = probe.run(parameters->values, features, parameters->state);
    a->input = row(features, 0);
    a->views = probe.network().parameterViews();
    for (const Matrix& out : layers) {
        a->sample.push_back(row(out, 0));
        a->batch.push_back(out.bottomRows(out.rows() - 1));
    }
    a->trace = model::StepTrace::compute(probe, parameters->values, a->input); // after the views' copies above
    if (a->trace.layer >= 0) {
        const auto& pre = experiment.preprocessing();
        if (const auto& chars = pre.characters()) {
            const auto col = experiment.table().columnIndex(chars->column());
            if (col) a->stepLabels = data::CharacterEncoder::characters(experiment.table().text(*col, a->sampleRow));
            a->stepLabels.resize(std::size_t(pre.steps()));
        } else {
            for (int k = pre.steps() - 1; k >= 0; --k) a->stepLabels.push_back(k ? "t-" + std::to_string(k) : "t");
        }
    }
    return a;
}

std::shared_ptr<const MapPicture> InspectionJobs::map(const train::Experiment& experiment, const train::ParameterSnapshot& parameters,
                                                      const model::MapAxes& axes, bool neuronMaps,
                                                      const widgets::style::Colormap& colors, int pixels, int points) {
    model::Probe probe(experiment.networkSpec());
    const auto dm = model::DecisionMap::compute(experiment.table(), experiment.config().data.derived, experiment.preprocessing(),
                                                probe, parameters.values, axes, parameters.state);
    auto pic = std::make_shared<MapPicture>();
    pic->step = parameters.step;
    pic->axes = axes;
    const int n = axes.resolution;
    const Matrix& out = dm.layers.back();
    const auto loss = experiment.config().settings.loss;
    const float lo = out.col(0).minCoeff(), hi = out.col(0).maxCoeff();
    QImage grid = surface(n, [&](Eigen::Index r) { return outputColor(loss, out, r, lo, hi, colors); });
    pic->image = grid.scaled(pixels, pixels, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);

    // The training points on top, coloured by their target.
    const auto& pre = experiment.preprocessing();
    const auto& table = experiment.table();
    const auto xc = table.columnIndex(axes.x), yc = table.columnIndex(axes.y);
    const auto& train = experiment.split().train;
    const Matrix& targets = experiment.trainSet().targets;
    float tlo = 0, thi = 1;
    if (pre.targetKind() == data::TargetKind::Regression && targets.rows() > 0) {
        tlo = targets.col(0).minCoeff();
        thi = targets.col(0).maxCoeff();
    }
    QPainter p(&pic->image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(colors.mid.lightness() > 128 ? QColor(40, 40, 40) : QColor(240, 240, 240), 0.8));
    const std::size_t count = std::min<std::size_t>(train.size(), std::size_t(std::max(0, points)));
    for (std::size_t k = 0; k < count && xc && yc; ++k) {
        const std::size_t i = k * train.size() / count;
        const float x = table.column(*xc).number(train[i]), y = table.column(*yc).number(train[i]);
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        const double px = (x - axes.xMin) / (axes.xMax - axes.xMin) * pixels;
        const double py = (1.0 - (y - axes.yMin) / (axes.yMax - axes.yMin)) * pixels;
        const float t = targets(Eigen::Index(i), 0);
        p.setBrush(pre.targetKind() == data::TargetKind::Regression ? QColor(colors.sequential(thi > tlo ? (t - tlo) / (thi - tlo) : 0.5))
                                                                     : colors.classColor(int(t)));
        p.drawEllipse(QPointF(px, py), 2.6, 2.6);
    }
    p.end();

    const auto& classes = pre.classes();
    if (loss == train::LossKind::BinaryCrossEntropy && classes.size() == 2)
        pic->legend = QCoreApplication::translate("InspectionJobs", "colour: P(%1 = %2), blue 0 → red 1; points: training rows")
                          .arg(QString::fromStdString(pre.target()), QString::fromStdString(classes[1]));
    else if (loss == train::LossKind::SoftmaxCrossEntropy)
        pic->legend = QCoreApplication::translate("InspectionJobs", "colour: predicted class (paler = less sure); points: training rows");
    else
        pic->legend = QCoreApplication::translate("InspectionJobs", "colour: predicted %1 from %2 (blue) to %3 (red)")
                          .arg(QString::fromStdString(pre.target())).arg(double(lo), 0, 'g', 4).arg(double(hi), 0, 'g', 4);

    if (neuronMaps) {
        for (std::size_t li = 0; li + 1 < dm.layers.size(); ++li) {
            const Matrix& m = dm.layers[li];
            if (m.cols() > 16) continue; // wide layers are drawn as strips: no room for thumbnails
            QList<QImage> thumbs;
            for (Eigen::Index c = 0; c < m.cols(); ++c) {
                const float scale = std::max(1e-6f, m.col(c).cwiseAbs().maxCoeff());
                thumbs << surface(n, [&](Eigen::Index r) { return colors.diverging(m(r, c) / scale); });
            }
            pic->neurons.insert(int(li), thumbs);
        }
    }
    return pic;
}

std::shared_ptr<const Verdict> InspectionJobs::verdict(const train::Experiment& experiment, const train::ParameterSnapshot& parameters,
                                                       bool onTest) {
    auto v = std::make_shared<Verdict>();
    v->step = parameters.step;
    v->bestEpoch = parameters.bestEpoch;
    v->onTest = onTest;
    const auto& set = onTest ? experiment.testSet() : experiment.validationSet();
    v->tableRows = onTest ? experiment.split().test : experiment.split().validation;
    model::Probe probe(experiment.networkSpec());
    const Matrix onDemand = set.isEncodedOnDemand() ? set.encoded() : Matrix();
    const Matrix logits = probe.predict(parameters.values, set.isEncodedOnDemand() ? onDemand : set.features, parameters.state);
    const auto& pre = experiment.preprocessing();
    const int classes = pre.targetKind() == data::TargetKind::Regression ? 0 : int(pre.classes().size());
    v->judgement = train::Judgement::compute(experiment.config().settings.loss, ConstMatrixMap(logits.data(), logits.rows(), logits.cols()),
                                             ConstMatrixMap(set.targets.data(), set.targets.rows(), set.targets.cols()), classes,
                                             experiment.config().settings.huberDelta);
    for (const auto& c : pre.classes()) v->classes << QString::fromStdString(c);
    v->target = QString::fromStdString(pre.target());
    return v;
}

} // namespace layerlab::app::training
