#include "Trainer.h"

#include "Evaluation.h"
#include "core/Error.h"
#include "nn/Kernels.h"

#include <chrono>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace layerlab::engine::train {

Trainer::Trainer(nn::Network& network, const data::Dataset& train, const data::Dataset* validation,
                 TrainSettings settings)
    : m_network(network), m_train(train), m_validation(validation && validation->size() > 0 ? validation : nullptr),
      m_settings(settings), m_optimizer(network.parameterViews(), network.parameterCount()), m_rng(settings.seed),
      m_pending(settings) {
    m_settings.validate();
    if (train.inputs() != network.inputs())
        throw SpecError("training data has " + std::to_string(train.inputs()) + " inputs, the network expects " +
                        std::to_string(network.inputs()));
    m_optimizer.configure(m_settings.optimizer);
}

void Trainer::requestStop() {
    m_stop.store(true);
    std::lock_guard lock(m_mutex);
    m_wake.notify_all();
}

void Trainer::setPaused(bool paused) {
    m_paused.store(paused);
    std::lock_guard lock(m_mutex);
    m_wake.notify_all();
}

void Trainer::step(int batches) {
    m_stepBudget.fetch_add(batches);
    std::lock_guard lock(m_mutex);
    m_wake.notify_all();
}

void Trainer::setPace(double epochsPerSecond) {
    m_pace.store(std::isfinite(epochsPerSecond) && epochsPerSecond > 0 ? epochsPerSecond : 0.0);
    m_paceChanges.fetch_add(1);
    std::lock_guard lock(m_mutex);
    m_wake.notify_all();
}

void Trainer::keepPace(int rows, std::size_t n, std::chrono::steady_clock::time_point batchStart, double& waitedSeconds) {
    const double pace = m_pace.load();
    if (pace <= 0.0 || n == 0) return;
    // This batch's share of an epoch's time at the pace (from its start: the batch's own compute
    // time counts towards it).
    const auto started = std::chrono::steady_clock::now();
    const auto share = std::chrono::duration<double>(double(rows) / double(n) / pace);
    const auto until = batchStart + std::chrono::duration_cast<std::chrono::steady_clock::duration>(share);
    const int changes = m_paceChanges.load();
    std::unique_lock lock(m_mutex);
    m_wake.wait_until(lock, until, [&] { return m_stop.load() || m_paused.load() || m_paceChanges.load() != changes; });
    const auto ended = std::chrono::steady_clock::now();
    waitedSeconds += std::chrono::duration<double>(ended - started).count();
}

void Trainer::updateSettings(const TrainSettings& settings) {
    settings.validate();
    std::lock_guard lock(m_mutex);
    m_pending = settings;
    m_hasPending.store(true);
}

TrainSettings Trainer::settings() const {
    std::lock_guard lock(m_mutex);
    return m_pending;
}

bool Trainer::waitWhilePaused(double& waitedSeconds, TrainerObserver* observer) {
    if (!m_paused.load() || m_stop.load()) return !m_stop.load();
    if (m_stepBudget.load() == 0 && observer) observer->onPause(m_step.load());
    const auto started = std::chrono::steady_clock::now();
    std::unique_lock lock(m_mutex);
    const auto released = [&] { return m_stop.load() || !m_paused.load() || m_stepBudget.load() > 0; };
    if (!released()) m_parkedAt.store(m_step.load());
    m_wake.wait(lock, released);
    m_parkedAt.store(-1);
    if (m_paused.load() && m_stepBudget.load() > 0) m_stepBudget.fetch_sub(1);
    waitedSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return !m_stop.load();
}

void Trainer::applyPendingSettings(TrainerObserver* observer) {
    if (!m_hasPending.exchange(false)) return;
    TrainSettings next;
    {
        std::lock_guard lock(m_mutex);
        next = m_pending;
    }
    next.seed = m_settings.seed; // the generator is already running; a new seed needs a new run
    if (next == m_settings) return;
    m_settings = next;
    m_optimizer.configure(m_settings.optimizer);
    if (observer) observer->onSettingsApplied(m_settings, m_step.load() + 1);
}

void Trainer::gatherBatch(const std::vector<std::size_t>& order, std::size_t begin, int rows) {
    const auto in = m_train.inputs();
    const auto out = m_train.targets.cols();
    if (m_x.rows() < rows) {
        m_x.resize(rows, in); // grows only; smaller batches use the leading rows through maps
        m_y.resize(rows, out);
        m_grad.resize(rows, m_network.outputs());
    }
    const std::span<const std::size_t> batch(order.data() + begin, std::size_t(rows));
    m_train.gather(batch, m_x);
    for (int r = 0; r < rows; ++r) m_y.row(r) = m_train.targets.row(Eigen::Index(batch[std::size_t(r)]));
}

std::string Trainer::describeNonFinite(const char* what) const {
    const auto& spec = m_network.spec();
    for (int i = 0; i < m_network.layerCount(); ++i) {
        const ConstMatrixMap a = m_network.activation(i);
        if (!nn::allFinite(a.data(), std::size_t(a.size())))
            return std::string(what) + "; first non-finite output at layer " + std::to_string(i + 1) + " (" +
                   std::string(nn::layerTypeName(spec.layers[std::size_t(i)].type)) + ")";
    }
    const auto grads = m_network.gradients();
    const auto params = m_network.parameters();
    for (const auto& v : m_network.parameterViews()) {
        if (!nn::allFinite(params.data() + v.offset, v.size())) return std::string(what) + " in parameters " + v.name;
        if (!nn::allFinite(grads.data() + v.offset, v.size())) return std::string(what) + " in gradients of " + v.name;
    }
    return std::string(what) + " in the loss";
}

Trainer::BatchOutcome Trainer::trainBatch(int rows, float lr, double& loss, TrainResult& result) {
    if (m_forbidden != std::thread::id() && std::this_thread::get_id() == m_forbidden)
        throw std::logic_error("a training step was about to run on a thread that must never train (the GUI thread)");
    const ConstMatrixMap x(m_x.data(), rows, m_x.cols());
    const ConstMatrixMap y(m_y.data(), rows, m_y.cols());
    MatrixMap grad(m_grad.data(), rows, m_grad.cols());
    const ConstMatrixMap out = m_network.forward(x, nn::Mode::Train, m_rng);
    loss = computeLoss(m_settings.loss, out, y, grad, m_settings.huberDelta);
    const std::int64_t step = m_step.load() + 1;
    auto fail = [&](const char* what) {
        // Weights that are still finite are the last good ones; otherwise fall back to the epoch start.
        std::string restored = "kept the weights from before this step";
        if (!nn::allFinite(m_network.parameters().data(), m_network.parameterCount()) ||
            !nn::allFinite(m_network.state().data(), m_network.state().size())) {
            m_network.setParameters(m_epochStart);
            m_network.setState(m_epochStartState);
            restored = "restored the weights from the start of epoch " + std::to_string(m_epoch + 1);
        }
        result.reason = StopReason::NonFinite;
        result.message = "training stopped at step " + std::to_string(step) + " (epoch " + std::to_string(m_epoch + 1) +
                         "): " + describeNonFinite(what) + "; " + restored;
        return BatchOutcome::NonFinite;
    };
    if (!std::isfinite(loss)) return fail("the loss is not finite");
    // A stop between the passes drops this batch (the weights stay as they were): on the largest
    // networks one batch is most of the time a Stop may take.
    if (m_stop.load()) return BatchOutcome::Interrupted;
    m_network.backward(ConstMatrixMap(m_grad.data(), rows, m_grad.cols()));
    const auto grads = m_network.gradients();
    if (!nn::allFinite(grads.data(), grads.size())) return fail("a gradient is not finite");
    if (m_stop.load()) return BatchOutcome::Interrupted;
    m_optimizer.step(m_network.parameters(), grads, lr);
    m_network.markGradientsZero();
    m_step.store(step);
    return BatchOutcome::Done;
}

Checkpoint Trainer::checkpoint() const {
    Checkpoint c;
    c.epoch = m_epoch;
    c.step = m_step.load();
    c.parameters.assign(m_network.parameters().begin(), m_network.parameters().end());
    c.state.assign(m_network.state().begin(), m_network.state().end());
    c.optimizer = m_optimizer.state();
    c.rng = m_rng.state();
    c.bestEpoch = m_bestEpoch;
    c.bestLoss = m_bestLoss;
    c.sinceBest = m_sinceBest;
    c.best = m_best;
    c.bestState = m_bestState;
    return c;
}

void Trainer::restore(const Checkpoint& c) {
    const auto fits = [](std::size_t have, std::size_t want) { return have == want; };
    if (!fits(c.parameters.size(), m_network.parameters().size()) || !fits(c.state.size(), m_network.state().size()) ||
        (!c.best.empty() && !fits(c.best.size(), m_network.parameters().size())))
        throw SpecError("the checkpoint holds " + std::to_string(c.parameters.size()) + " parameters, the network has " +
                        std::to_string(m_network.parameters().size()) + ": it belongs to another design");
    m_network.setParameters(c.parameters);
    m_network.setState(c.state);
    m_optimizer.restore(c.optimizer);
    m_rng.setState(c.rng);
    m_epoch = c.epoch;
    m_step.store(c.step);
    m_bestEpoch = c.bestEpoch;
    m_bestLoss = c.bestLoss;
    m_sinceBest = c.sinceBest;
    m_best = c.best;
    m_bestState = c.bestState;
}

void Trainer::stopAfter(int epoch) { m_stopAfter = epoch; }

TrainResult Trainer::run(TrainerObserver* observer) {
    using Clock = std::chrono::steady_clock;
    TrainResult result;
    // A stop requested before run() (even before it was called) is honoured, then consumed, so a
    // later run() continues.
    struct ConsumeStop {
        std::atomic<bool>& flag;
        ~ConsumeStop() { flag.store(false); }
    } consume{m_stop};
    const auto n = static_cast<std::size_t>(m_train.size());
    std::vector<std::size_t> order(n);
    const auto lastEpoch = [&] { return m_stopAfter >= 0 ? std::min(m_stopAfter, m_settings.epochs) : m_settings.epochs; };
    while (m_epoch < lastEpoch() && n > 0) {
        std::iota(order.begin(), order.end(), std::size_t(0));
        for (std::size_t i = n - 1; i > 0; --i) std::swap(order[i], order[m_rng.below(i + 1)]);
        m_epochStart.assign(m_network.parameters().begin(), m_network.parameters().end());
        m_epochStartState.assign(m_network.state().begin(), m_network.state().end());
        float lr = 0.0f; // the rate of the epoch's last batch (settings can change mid-epoch)
        double lossSum = 0.0;
        std::size_t seen = 0;
        int batchIndex = 0;
        const auto started = Clock::now();
        double pausedSeconds = 0.0;
        for (std::size_t pos = 0; pos < n;) {
            if (!waitWhilePaused(pausedSeconds, observer)) break;
            applyPendingSettings(observer);
            const auto batchStart = Clock::now();
            const float rate = m_settings.schedule.rate(m_settings.optimizer.learningRate, m_epoch, m_settings.epochs);
            lr = rate;
            const int rows = static_cast<int>(std::min<std::size_t>(std::size_t(m_settings.batchSize), n - pos));
            gatherBatch(order, pos, rows);
            double loss = 0.0;
            const BatchOutcome outcome = trainBatch(rows, rate, loss, result);
            if (outcome == BatchOutcome::Interrupted) break; // seen < n: reported as Stopped below
            if (outcome == BatchOutcome::NonFinite) {
                result.epochs = m_epoch;
                result.steps = m_step.load();
                return result;
            }
            lossSum += loss * rows;
            seen += std::size_t(rows);
            pos += std::size_t(rows);
            if (observer) observer->onBatch({m_step.load(), m_epoch + 1, ++batchIndex, rows, loss, rate});
            keepPace(rows, n, batchStart, pausedSeconds);
        }
        if (m_stop.load() && seen < n) {
            result.reason = StopReason::Stopped;
            break;
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count() - pausedSeconds;
        ++m_epoch;
        EpochReport report;
        report.epoch = m_epoch;
        report.step = m_step.load();
        report.trainLoss = seen ? lossSum / double(seen) : std::nan("");
        report.samplesPerSecond = seconds > 0 ? double(seen) / seconds : 0.0;
        report.learningRate = lr;
        report.valLoss = report.valMetric = std::nan("");
        if (m_validation) {
            const Evaluation v = evaluate(m_network, *m_validation, m_settings.loss, m_settings.huberDelta, &m_stop);
            if (v.cancelled) { // stopped during the validation pass: the epoch's training counts
                if (observer) observer->onEpoch(report);
                result.reason = StopReason::Stopped;
                break;
            }
            report.valLoss = v.loss;
            report.valMetric = v.metric;
            if (m_bestEpoch == 0 || v.loss < m_bestLoss) {
                m_bestLoss = v.loss;
                m_bestEpoch = m_epoch;
                m_sinceBest = 0;
                report.improved = true;
                if (m_settings.restoreBest) {
                    m_best.assign(m_network.parameters().begin(), m_network.parameters().end());
                    m_bestState.assign(m_network.state().begin(), m_network.state().end());
                }
            } else {
                ++m_sinceBest;
            }
        }
        if (observer) observer->onEpoch(report);
        // Patience running out on the last epoch is not an early stop: the run did all it was
        // asked ("stopped early at epoch 40" with 40 epochs set misled the tour).
        if (m_settings.patience > 0 && m_sinceBest >= m_settings.patience && m_epoch < m_settings.epochs) {
            result.reason = StopReason::EarlyStopped;
            break;
        }
        if (m_stop.load()) {
            result.reason = StopReason::Stopped;
            break;
        }
    }
    if (m_settings.restoreBest && !m_best.empty() && m_stopAfter < 0) {
        m_network.setParameters(m_best);
        m_network.setState(m_bestState);
    }
    result.epochs = m_epoch;
    result.steps = m_step.load();
    result.bestEpoch = m_bestEpoch;
    result.bestValLoss = m_bestEpoch ? m_bestLoss : std::nan("");
    return result;
}

} // namespace layerlab::engine::train
