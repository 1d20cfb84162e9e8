// Training settings beside the canvas: loss, optimizer and its parameters, batch size, epochs,
// seed, early stopping, threads, and the train/validation/test split. Emits one edited() per
// user change with the field's name (the app turns it into an undoable command); setSettings()
// shows values without emitting.
#pragma once

#include "data/DataSpec.h"
#include "train/TrainSettings.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace layerlab::widgets::panels {

struct RunSettings {
    engine::train::TrainSettings training;
    double validation = 0.2;
    double test = 0.2;
    engine::data::SplitKind split = engine::data::SplitKind::Random;
    bool operator==(const RunSettings&) const = default;
};

class SettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPanel(QWidget* parent = nullptr);
    void setSettings(const RunSettings& settings);
    const RunSettings& settings() const { return m_settings; }
    /// Shown beside the loss: what the target suggests ("bce for a boolean target").
    void setLossHint(const QString& hint);
    QString lossHint() const;

Q_SIGNALS:
    void edited(const layerlab::widgets::panels::RunSettings& settings, const QString& field);

private:
    void build();
    void refresh();
    void change(const QString& field, const std::function<void(RunSettings&)>& apply);
    QDoubleSpinBox* number(double lo, double hi, int decimals, double step, const QString& tip);
    QSpinBox* integer(int lo, int hi, const QString& tip);

    RunSettings m_settings;
    bool m_updating = false;
    QFormLayout* m_form = nullptr;
    QComboBox* m_loss = nullptr;
    QLabel* m_lossHint = nullptr;
    QComboBox* m_optimizer = nullptr;
    QDoubleSpinBox* m_lr = nullptr;
    QDoubleSpinBox* m_momentum = nullptr;
    QDoubleSpinBox* m_weightDecay = nullptr;
    QDoubleSpinBox* m_l2 = nullptr;
    QDoubleSpinBox* m_clip = nullptr;
    QSpinBox* m_batch = nullptr;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_patience = nullptr;
    QSpinBox* m_threads = nullptr;
    QComboBox* m_split = nullptr;
    QDoubleSpinBox* m_validation = nullptr;
    QDoubleSpinBox* m_test = nullptr;
};

} // namespace layerlab::widgets::panels
