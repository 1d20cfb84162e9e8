#include "TrainingBar.h"

#include <QAction>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QSpinBox>
#include <QStyle>

#include <cmath>

#include "style/Glyphs.h"
#include "style/Theme.h"

namespace layerlab::widgets::panels {

const std::vector<double>& TrainingBar::paces() {
    static const std::vector<double> p{0.0, 10.0, 3.0, 1.0, 0.25};
    return p;
}

TrainingBar::TrainingBar(QWidget* parent) : QToolBar(tr("Training"), parent), m_sample(new QSpinBox), m_pace(new QComboBox) {
    setObjectName(QStringLiteral("trainingBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_train = addAction(tr("Train"), this, &TrainingBar::trainRequested);
    m_train->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_pause = addAction(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(m_pause, &QAction::triggered, this, &TrainingBar::pauseRequested);
    m_step = addAction(tr("Step"), this, [this] {
        Q_EMIT stepRequested(QGuiApplication::keyboardModifiers() & Qt::ShiftModifier);
    });
    m_step->setToolTip(tr("One batch; with Shift, one epoch"));
    m_stop = addAction(tr("Stop"), this, &TrainingBar::stopRequested);
    m_stop->setShortcut(QKeySequence(Qt::Key_Escape));
    m_reset = addAction(tr("Reset"), this, &TrainingBar::resetRequested);
    m_reset->setToolTip(tr("Drop this run's weights and curves: the next Train starts again from the seed"));
    addSeparator();
    addWidget(new QLabel(tr(" Sample row ")));
    m_sample->setObjectName(QStringLiteral("sampleRow"));
    m_sample->setToolTip(tr("The row whose activations colour the canvas (0-based, as in the data table)"));
    m_sample->setKeyboardTracking(false);
    addWidget(m_sample);
    connect(m_sample, &QSpinBox::valueChanged, this, &TrainingBar::sampleChosen);
    addAction(tr("Random validation row"), this, &TrainingBar::randomSampleRequested);
    addSeparator();
    addWidget(new QLabel(tr(" Speed ")));
    m_pace->setObjectName(QStringLiteral("trainingPace"));
    for (const double p : paces())
        m_pace->addItem(p == 0.0   ? tr("full speed")
                        : p == 1.0 ? tr("1 epoch/s")
                        : p > 1.0  ? tr("%1 epochs/s").arg(p)
                                   : tr("1 epoch in %1 s").arg(1.0 / p),
                        p);
    m_pace->setToolTip(tr("Slow training down to watch it learn; the weights are the same at any speed"));
    addWidget(m_pace);
    connect(m_pace, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT paceChosen(pace()); });
    for (QAction* a : actions())
        if (!a->shortcut().isEmpty()) a->setToolTip(a->toolTip() + QStringLiteral(" (%1)").arg(a->shortcut().toString(QKeySequence::NativeText)));
    connect(&style::Theme::instance(), &style::Theme::changed, this, &TrainingBar::styleIcons);
    styleIcons();
    // Wide enough for its longest text, so the buttons after it do not move as it changes.
    if (auto* button = widgetForAction(m_train)) {
        const QFontMetrics fm(button->font());
        button->setMinimumWidth(fm.horizontalAdvance(tr("Train anew")) + 44);
    }
}

QColor TrainingBar::iconColor() const { return style::Theme::instance().color(QStringLiteral("text")); }

void TrainingBar::styleIcons() {
    // Drawn in the theme's text colour: the style's media icons vanished on the dark theme.
    const QColor off = style::Theme::instance().color(QStringLiteral("mutedText"));
    m_train->setIcon(style::glyphIcon(style::Glyph::Play, style::Theme::instance().color(QStringLiteral("ok")), off));
    m_step->setIcon(style::glyphIcon(style::Glyph::Step, iconColor(), off));
    m_stop->setIcon(style::glyphIcon(style::Glyph::Stop, iconColor(), off));
    m_reset->setIcon(style::glyphIcon(style::Glyph::Reset, iconColor(), off));
    refresh();
}

void TrainingBar::setMode(Mode mode) {
    m_mode = mode;
    refresh();
}

void TrainingBar::setBlocked(const QString& reason) {
    m_blocked = reason;
    refresh();
}

void TrainingBar::setSampleRange(int rows) {
    const QSignalBlocker block(m_sample);
    m_sample->setRange(0, std::max(0, rows - 1));
}

void TrainingBar::setSample(int row) {
    const QSignalBlocker block(m_sample);
    m_sample->setValue(row);
}

int TrainingBar::sample() const { return m_sample->value(); }

void TrainingBar::setPace(double epochsPerSecond) {
    // The nearest choice on a log scale; full speed only for 0.
    int best = 0;
    if (epochsPerSecond > 0) {
        double distance = INFINITY;
        for (int i = 1; i < int(paces().size()); ++i)
            if (const double d = std::abs(std::log(paces()[std::size_t(i)] / epochsPerSecond)); d < distance) distance = d, best = i;
    }
    m_pace->setCurrentIndex(best); // emits paceChosen when it changes
}

double TrainingBar::pace() const { return m_pace->currentData().toDouble(); }

void TrainingBar::setContinues(bool continues) {
    if (continues == m_continues) return;
    m_continues = continues;
    refresh();
}

void TrainingBar::refresh() {
    const bool active = m_mode == Mode::Preparing || m_mode == Mode::Running || m_mode == Mode::Paused;
    m_train->setEnabled(!active && m_blocked.isEmpty());
    const bool stopped = m_mode == Mode::Stopped;
    m_train->setText(stopped ? (m_continues ? tr("Continue") : tr("Train anew")) : tr("Train"));
    QString tip = tr("Train the network on the data (Ctrl+R)");
    if (stopped && m_continues) tip = tr("Continue the stopped run from where it stopped (Ctrl+R)");
    if (stopped && !m_continues)
        tip = tr("The design or data changed since the run stopped: training starts a new run from fresh weights (Ctrl+R)");
    m_train->setToolTip(m_blocked.isEmpty() ? tip : m_blocked);
    m_pause->setEnabled(m_mode == Mode::Running || m_mode == Mode::Paused || m_mode == Mode::Preparing);
    {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(m_mode == Mode::Paused);
    }
    m_pause->setText(m_mode == Mode::Paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style::glyphIcon(m_mode == Mode::Paused ? style::Glyph::Play : style::Glyph::Pause, iconColor(),
                                      style::Theme::instance().color(QStringLiteral("mutedText"))));
    m_step->setEnabled(m_mode == Mode::Paused);
    m_stop->setEnabled(active);
    m_reset->setEnabled(m_mode != Mode::Idle);
}

} // namespace layerlab::widgets::panels
