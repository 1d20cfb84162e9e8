#include "Metrics.h"

#include "Evaluation.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace layerlab::engine::train {

double rocAuc(std::span<const float> scores, std::span<const int> positive) {
    // NaN compares false with everything: sorting it is undefined and the tie walk below would never
    // advance past it. The curve is undefined then, and so is its area.
    if (std::any_of(scores.begin(), scores.end(), [](float s) { return std::isnan(s); })) return std::nan("");
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    // Mann–Whitney U with average ranks for ties.
    double rankSumPos = 0.0;
    std::size_t nPos = 0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
        const double avgRank = 0.5 * double(i + 1 + j);
        for (std::size_t k = i; k < j; ++k)
            if (positive[order[k]]) {
                rankSumPos += avgRank;
                ++nPos;
            }
        i = j;
    }
    const std::size_t nNeg = scores.size() - nPos;
    if (nPos == 0 || nNeg == 0) return std::nan("");
    return (rankSumPos - double(nPos) * double(nPos + 1) / 2.0) / (double(nPos) * double(nNeg));
}

namespace {

// The loss of the model that learned nothing, through the loss function itself: every row gets
// the logits of the rows' class frequencies (softmax / sigmoid of them gives the frequencies back)
// or the targets' mean.
double baselineLoss(LossKind loss, ConstMatrixMap targets, int classes, float huberDelta) {
    const Eigen::Index rows = targets.rows();
    if (rows == 0) return std::nan("");
    Matrix constant;
    switch (loss) {
    case LossKind::SoftmaxCrossEntropy: {
        const int k = std::max(classes, 2);
        std::vector<double> count(std::size_t(k), 0.0);
        for (Eigen::Index r = 0; r < rows; ++r)
            if (const int t = int(targets(r, 0)); t >= 0 && t < k) count[std::size_t(t)] += 1.0;
        constant.resize(rows, k);
        for (int c = 0; c < k; ++c) // a class absent from these rows costs nothing: any small share will do
            constant.col(c).setConstant(float(std::log(std::max(count[std::size_t(c)], 1e-9) / double(rows))));
        break;
    }
    case LossKind::BinaryCrossEntropy: {
        constant.resize(rows, targets.cols());
        for (Eigen::Index c = 0; c < targets.cols(); ++c) {
            const double p = std::clamp(targets.col(c).cast<double>().mean(), 1e-9, 1.0 - 1e-9);
            constant.col(c).setConstant(float(std::log(p / (1.0 - p))));
        }
        break;
    }
    case LossKind::Mse:
    case LossKind::Huber:
        constant.resize(rows, targets.cols());
        for (Eigen::Index c = 0; c < targets.cols(); ++c) constant.col(c).setConstant(float(targets.col(c).cast<double>().mean()));
        break;
    }
    return computeLoss(loss, ConstMatrixMap(constant.data(), constant.rows(), constant.cols()), targets, huberDelta);
}

} // namespace

MetricsReport computeMetrics(LossKind loss, ConstMatrixMap logits, ConstMatrixMap targets, int classes, float huberDelta) {
    MetricsReport m;
    m.rows = std::size_t(logits.rows());
    for (Eigen::Index r = 0; r < logits.rows(); ++r) m.nonFinite += !logits.row(r).allFinite();
    m.classification = isClassification(loss);
    m.loss = logits.rows() ? computeLoss(loss, logits, targets, huberDelta) : std::nan("");
    if (!m.classification) {
        double se = 0.0, ae = 0.0, mean = 0.0;
        const auto n = double(std::max<Eigen::Index>(1, logits.rows()));
        for (Eigen::Index r = 0; r < logits.rows(); ++r) mean += targets(r, 0);
        mean /= n;
        double ss = 0.0;
        for (Eigen::Index r = 0; r < logits.rows(); ++r) {
            const double d = double(logits(r, 0)) - targets(r, 0);
            se += d * d;
            ae += std::abs(d);
            ss += (targets(r, 0) - mean) * (targets(r, 0) - mean);
        }
        m.rmse = std::sqrt(se / n);
        m.mae = ae / n;
        m.r2 = ss > 0 ? 1.0 - se / ss : std::nan("");
        m.accuracy = m.baselineAccuracy = m.auc = std::nan("");
        double bae = 0.0;
        for (Eigen::Index r = 0; r < logits.rows(); ++r) bae += std::abs(targets(r, 0) - mean);
        m.baselineRmse = logits.rows() ? std::sqrt(ss / n) : std::nan("");
        m.baselineMae = logits.rows() ? bae / n : std::nan("");
        m.baselineLoss = baselineLoss(loss, targets, classes, huberDelta);
        return m;
    }
    const int k = std::max(classes, 2);
    m.confusion.assign(std::size_t(k), std::vector<std::int64_t>(std::size_t(k), 0));
    std::vector<float> scores;
    std::vector<int> positive;
    for (Eigen::Index r = 0; r < logits.rows(); ++r) {
        const int truth = static_cast<int>(targets(r, 0));
        // Monotone in P(class 1); a non-finite output gives an infinite or NaN score, never a loop.
        const float score = loss == LossKind::BinaryCrossEntropy ? logits(r, 0)
                            : k == 2 && logits.cols() >= 2   ? logits(r, 1) - logits(r, 0)
                                                             : 0.0f;
        scores.push_back(score);
        positive.push_back(truth == 1);
        // A row with a NaN or infinite output predicts no class (argmax over NaN is arbitrary):
        // it is wrong, and it stays out of the confusion matrix.
        if (!logits.row(r).allFinite()) continue;
        int predicted = 0;
        if (loss == LossKind::BinaryCrossEntropy) {
            predicted = logits(r, 0) > 0.0f ? 1 : 0;
        } else {
            Eigen::Index best = 0;
            logits.row(r).maxCoeff(&best);
            predicted = int(best);
        }
        if (truth >= 0 && truth < k) ++m.confusion[std::size_t(truth)][std::size_t(predicted)];
    }
    std::int64_t correct = 0;
    for (int t = 0; t < k; ++t) correct += m.confusion[std::size_t(t)][std::size_t(t)];
    const double n = double(std::max<std::size_t>(1, m.rows));
    m.accuracy = m.rows ? double(correct) / n : std::nan("");
    // The baseline counts every row's truth, the non-finite ones too.
    std::vector<std::int64_t> perClass(std::size_t(k), 0);
    for (Eigen::Index r = 0; r < logits.rows(); ++r)
        if (const int truth = static_cast<int>(targets(r, 0)); truth >= 0 && truth < k) ++perClass[std::size_t(truth)];
    const std::int64_t largest = perClass.empty() ? 0 : *std::max_element(perClass.begin(), perClass.end());
    m.baselineAccuracy = m.rows ? double(largest) / n : std::nan("");
    m.auc = k == 2 ? rocAuc(scores, positive) : std::nan("");
    m.baselineLoss = baselineLoss(loss, targets, classes, huberDelta);
    return m;
}

double learnedNothingHeadline(LossKind loss, ConstMatrixMap targets, int classes) {
    if (targets.rows() == 0) return std::nan("");
    const Eigen::Index outputs = loss == LossKind::SoftmaxCrossEntropy ? std::max(classes, 2) : targets.cols();
    const Matrix zeros = Matrix::Zero(targets.rows(), outputs);
    const MetricsReport m = computeMetrics(loss, ConstMatrixMap(zeros.data(), zeros.rows(), zeros.cols()), targets, classes);
    return m.classification ? m.baselineAccuracy : m.baselineRmse;
}

MetricsReport::BaselineComparison MetricsReport::compareWithBaseline() const {
    BaselineComparison c;
    if (rows == 0) return c;
    c.loss = loss < baselineLoss;
    c.headline = classification ? accuracy > baselineAccuracy : rmse < baselineRmse;
    c.hasAuc = classification && !std::isnan(auc) && confusion.size() == 2;
    c.auc = c.hasAuc && auc > 0.5;
    // A NaN anywhere compares false above: a figure that is not a number is never "better".
    return c;
}

std::vector<std::string> MetricsReport::BaselineComparison::worse(bool classification) const {
    std::vector<std::string> w;
    if (!loss) w.emplace_back("loss");
    if (!headline) w.emplace_back(classification ? "accuracy" : "rmse");
    if (hasAuc && !auc) w.emplace_back("auc");
    return w;
}

Json MetricsReport::toJson() const {
    Json j = Json::object();
    j.set("rows", static_cast<std::uint64_t>(rows));
    j.set("non_finite", static_cast<std::uint64_t>(nonFinite));
    j.set("loss", loss);
    j.set("baseline_loss", baselineLoss);
    const BaselineComparison better = compareWithBaseline();
    Json b = Json::object();
    b.set("loss", better.loss);
    b.set(classification ? "accuracy" : "rmse", better.headline);
    if (better.hasAuc) b.set("auc", better.auc);
    j.set("better_than_baseline", std::move(b));
    if (classification) {
        j.set("accuracy", accuracy);
        j.set("baseline_accuracy", baselineAccuracy);
        if (!std::isnan(auc)) j.set("auc", auc);
        Json cm = Json::array();
        for (const auto& row : confusion) {
            Json r = Json::array();
            for (const auto v : row) r.push(v);
            cm.push(std::move(r));
        }
        j.set("confusion", std::move(cm));
    } else {
        j.set("rmse", rmse);
        j.set("mae", mae);
        j.set("r2", r2);
        j.set("baseline_rmse", baselineRmse);
        j.set("baseline_mae", baselineMae);
    }
    return j;
}

} // namespace layerlab::engine::train
