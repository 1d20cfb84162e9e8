#include "SettingsPanel.h"

#include "Text.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace layerlab::widgets::panels {

using namespace layerlab::engine;

namespace {
}

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent) {
    build();
    refresh();
}

QDoubleSpinBox* SettingsPanel::number(double lo, double hi, int decimals, double step, const QString& tip) {
    auto* box = new QDoubleSpinBox;
    box->setRange(lo, hi);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setToolTip(tip);
    return box;
}

QSpinBox* SettingsPanel::integer(int lo, int hi, const QString& tip) {
    auto* box = new QSpinBox;
    box->setRange(lo, hi);
    box->setToolTip(tip);
    return box;
}

void SettingsPanel::build() {
    m_form = new QFormLayout(this);
    m_loss = new QComboBox;
    for (const auto k : {train::LossKind::SoftmaxCrossEntropy, train::LossKind::BinaryCrossEntropy, train::LossKind::Mse,
                         train::LossKind::Huber})
        m_loss->addItem(text(train::lossName(k)), static_cast<int>(k));
    m_loss->setToolTip(tr("ce: several classes · bce: two classes · mse / huber: numbers"));
    m_lossHint = new QLabel;
    m_lossHint->setWordWrap(true);
    m_lossHint->setEnabled(false);
    m_optimizer = new QComboBox;
    for (const auto k : {train::OptimizerKind::Sgd, train::OptimizerKind::Momentum, train::OptimizerKind::Nesterov,
                         train::OptimizerKind::Adam, train::OptimizerKind::AdamW, train::OptimizerKind::RmsProp})
        m_optimizer->addItem(text(train::optimizerName(k)), static_cast<int>(k));
    m_optimizer->setToolTip(tr("How weights are updated from gradients"));
    m_lr = number(1e-6, 10, 6, 0.001, tr("Learning rate: the step size of every update"));
    m_momentum = number(0, 0.999, 3, 0.05, tr("Momentum (momentum and nesterov optimizers)"));
    m_weightDecay = number(0, 1, 4, 0.001, tr("Decoupled weight decay (adamw)"));
    m_l2 = number(0, 1, 5, 0.0001, tr("L2 penalty on weights (all optimizers)"));
    m_clip = number(0, 1000, 2, 0.5, tr("Clip the gradient norm to this value; 0 = off"));
    m_batch = integer(1, 1 << 20, tr("Rows per gradient step"));
    m_epochs = integer(0, 1 << 20, tr("Passes over the training rows"));
    m_seed = integer(0, 2'000'000'000, tr("Seed for the split, the initial weights and the shuffling: same seed, same run"));
    m_patience = integer(0, 100000, tr("Early stopping: stop after this many epochs without a better validation loss; 0 = off"));
    m_threads = integer(0, 4096, tr("Worker threads; 0 = all cores. The results do not depend on it."));
    m_threads->setSpecialValueText(tr("all cores"));
    m_patience->setSpecialValueText(tr("off"));
    m_split = new QComboBox;
    for (const auto k : {data::SplitKind::Random, data::SplitKind::Stratified, data::SplitKind::Sequential})
        m_split->addItem(QString::fromUtf8(data::splitName(k)), static_cast<int>(k));
    m_split->setToolTip(tr("random · stratified (same class shares in every part) · sequential (time order, no future leaks)"));
    m_validation = number(0, 0.9, 2, 0.05, tr("Share of rows held out for validation (early stopping, curves)"));
    m_test = number(0, 0.9, 2, 0.05, tr("Share of rows held out for the final test"));

    m_form->addRow(tr("&Loss"), m_loss);
    m_form->addRow(QString(), m_lossHint);
    m_form->addRow(tr("&Optimizer"), m_optimizer);
    m_form->addRow(tr("Learning &rate"), m_lr);
    m_form->addRow(tr("&Momentum"), m_momentum);
    m_form->addRow(tr("Weight &decay"), m_weightDecay);
    m_form->addRow(tr("L&2"), m_l2);
    m_form->addRow(tr("&Clip norm"), m_clip);
    m_form->addRow(tr("&Batch size"), m_batch);
    m_form->addRow(tr("&Epochs"), m_epochs);
    m_form->addRow(tr("&Seed"), m_seed);
    m_form->addRow(tr("&Patience"), m_patience);
    m_form->addRow(tr("&Threads"), m_threads);
    m_form->addRow(tr("S&plit"), m_split);
    m_form->addRow(tr("&Validation"), m_validation);
    m_form->addRow(tr("T&est"), m_test);

    connect(m_loss, &QComboBox::activated, this, [this](int i) {
        const auto k = static_cast<train::LossKind>(m_loss->itemData(i).toInt());
        change(tr("loss"), [k](RunSettings& s) { s.training.loss = k; });
    });
    connect(m_optimizer, &QComboBox::activated, this, [this](int i) {
        const auto k = static_cast<train::OptimizerKind>(m_optimizer->itemData(i).toInt());
        change(tr("optimizer"), [k](RunSettings& s) { s.training.optimizer.kind = k; });
    });
    connect(m_split, &QComboBox::activated, this, [this](int i) {
        const auto k = static_cast<data::SplitKind>(m_split->itemData(i).toInt());
        change(tr("split"), [k](RunSettings& s) { s.split = k; });
    });
    auto real = [this](QDoubleSpinBox* box, const QString& field, auto apply) {
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, field, apply](double v) { change(field, [&](RunSettings& s) { apply(s, v); }); });
    };
    real(m_lr, tr("learning rate"), [](RunSettings& s, double v) { s.training.optimizer.learningRate = float(v); });
    real(m_momentum, tr("momentum"), [](RunSettings& s, double v) { s.training.optimizer.momentum = float(v); });
    real(m_weightDecay, tr("weight decay"), [](RunSettings& s, double v) { s.training.optimizer.weightDecay = float(v); });
    real(m_l2, tr("L2"), [](RunSettings& s, double v) { s.training.optimizer.l2 = float(v); });
    real(m_clip, tr("clip norm"), [](RunSettings& s, double v) { s.training.optimizer.clipNorm = float(v); });
    real(m_validation, tr("validation share"), [](RunSettings& s, double v) { s.validation = v; });
    real(m_test, tr("test share"), [](RunSettings& s, double v) { s.test = v; });
    auto whole = [this](QSpinBox* box, const QString& field, auto apply) {
        connect(box, &QSpinBox::valueChanged, this, [this, field, apply](int v) { change(field, [&](RunSettings& s) { apply(s, v); }); });
    };
    whole(m_batch, tr("batch size"), [](RunSettings& s, int v) { s.training.batchSize = v; });
    whole(m_epochs, tr("epochs"), [](RunSettings& s, int v) { s.training.epochs = v; });
    whole(m_seed, tr("seed"), [](RunSettings& s, int v) { s.training.seed = static_cast<std::uint64_t>(v); });
    whole(m_patience, tr("patience"), [](RunSettings& s, int v) { s.training.patience = v; });
    whole(m_threads, tr("threads"), [](RunSettings& s, int v) { s.training.threads = v; });
}

void SettingsPanel::change(const QString& field, const std::function<void(RunSettings&)>& apply) {
    if (m_updating) return;
    RunSettings next = m_settings;
    apply(next);
    if (next == m_settings) return;
    m_settings = next;
    refresh(); // shows only the parameters the chosen optimizer uses
    Q_EMIT edited(m_settings, field);
}

void SettingsPanel::setSettings(const RunSettings& settings) {
    m_settings = settings;
    refresh();
}

void SettingsPanel::setLossHint(const QString& hint) {
    m_lossHint->setText(hint);
    m_lossHint->setVisible(!hint.isEmpty()); // an empty hint left a gap under Loss
}

QString SettingsPanel::lossHint() const { return m_lossHint->text(); }

void SettingsPanel::refresh() {
    m_updating = true;
    const auto& t = m_settings.training;
    const auto& o = t.optimizer;
    m_loss->setCurrentIndex(m_loss->findData(static_cast<int>(t.loss)));
    m_optimizer->setCurrentIndex(m_optimizer->findData(static_cast<int>(o.kind)));
    m_lr->setValue(o.learningRate);
    m_momentum->setValue(o.momentum);
    m_weightDecay->setValue(o.weightDecay);
    m_l2->setValue(o.l2);
    m_clip->setValue(o.clipNorm);
    m_batch->setValue(t.batchSize);
    m_epochs->setValue(t.epochs);
    m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(t.seed, 2'000'000'000)));
    m_patience->setValue(t.patience);
    m_threads->setValue(t.threads);
    m_split->setCurrentIndex(m_split->findData(static_cast<int>(m_settings.split)));
    m_validation->setValue(m_settings.validation);
    m_test->setValue(m_settings.test);
    const bool usesMomentum = o.kind == train::OptimizerKind::Momentum || o.kind == train::OptimizerKind::Nesterov;
    m_form->setRowVisible(m_momentum, usesMomentum);
    m_form->setRowVisible(m_weightDecay, o.kind == train::OptimizerKind::AdamW);
    m_updating = false;
}

} // namespace layerlab::widgets::panels
