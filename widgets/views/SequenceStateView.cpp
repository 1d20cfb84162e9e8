#include "SequenceStateView.h"

#include "style/Colormap.h"
#include "style/Theme.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>

namespace layerlab::widgets::views {

namespace {
constexpr int kTop = 48;    // below the title
constexpr int kLeft = 90;   // row names
constexpr int kLabel = 18;  // step labels under the heatmap
} // namespace

SequenceStateView::SequenceStateView(QWidget* parent) : QWidget(parent), m_title(new QLabel) {
    setObjectName(QStringLiteral("sequenceState"));
    auto* l = new QVBoxLayout(this);
    l->addWidget(m_title);
    l->addStretch(1);
    m_title->setWordWrap(true);
    clear();
    setMinimumSize(360, 260);
}

void SequenceStateView::clear() {
    m_state = {};
    m_title->setText(tr("Recurrent layers: train on a sequence input to see the hidden state step by step. "
                        "Click a row in the Data tab's preview to follow it."));
    update();
}

void SequenceStateView::setState(SequenceState state) {
    m_state = std::move(state);
    m_title->setText(m_state.title);
    update();
}

void SequenceStateView::paintEvent(QPaintEvent*) {
    if (!hasState()) return;
    QPainter p(this);
    const auto colors = style::Colormap::fromTheme();
    const QColor ink = style::Theme::instance().color(QStringLiteral("text"));
    const engine::Matrix& s = m_state.states;
    const int steps = int(s.rows()), units = int(s.cols()), outputs = int(m_state.outputs.cols());
    const int outputRows = outputs > 0 ? outputs : 0;
    const int width = std::max(1, this->width() - kLeft - 12);
    const int cell = std::max(2, std::min(40, width / std::max(1, steps)));
    const int total = height() - kTop - kLabel - 12;
    const int rowH = std::max(2, std::min(18, total / std::max(1, units + outputRows + 1)));
    const int stateTop = kTop;
    const int labelTop = stateTop + units * rowH + 2;
    const int outTop = labelTop + kLabel;
    // States: tanh-like values, drawn on the diverging map at a fixed [-1, 1] scale so frames
    // compare across steps of training.
    for (int t = 0; t < steps; ++t)
        for (int u = 0; u < units; ++u) {
            QColor c = QColor::fromRgb(colors.diverging(std::clamp(double(s(t, u)), -1.0, 1.0)));
            if (t < int(m_state.padding.size()) && m_state.padding[std::size_t(t)]) c = colors.mid;
            p.fillRect(kLeft + t * cell, stateTop + u * rowH, cell - 1, rowH - (rowH > 4 ? 1 : 0), c);
        }
    p.setPen(ink);
    const QFontMetrics fm = p.fontMetrics();
    p.drawText(QRect(0, stateTop, kLeft - 6, units * rowH), Qt::AlignRight | Qt::AlignVCenter,
               m_state.units && units > m_state.units ? tr("state\n(→ | ←)") : tr("state\n%1 units").arg(units));
    if (m_state.units && units > m_state.units) // the reverse direction starts here
        p.drawLine(kLeft - 4, stateTop + m_state.units * rowH, kLeft + steps * cell, stateTop + m_state.units * rowH);
    for (int t = 0; t < std::min(steps, int(m_state.steps.size())); ++t)
        if (cell >= fm.horizontalAdvance(m_state.steps[t]) || t % std::max(1, 40 / cell) == 0)
            p.drawText(QRect(kLeft + t * cell, labelTop, std::max(cell, 30), kLabel), Qt::AlignLeft | Qt::AlignVCenter, m_state.steps[t]);
    for (int k = 0; k < outputRows; ++k) {
        p.drawText(QRect(0, outTop + k * rowH, kLeft - 6, rowH), Qt::AlignRight | Qt::AlignVCenter,
                   k < m_state.outputNames.size() ? m_state.outputNames[k] : QString::number(k));
        for (int t = 0; t < steps; ++t)
            p.fillRect(kLeft + t * cell, outTop + k * rowH, cell - 1, rowH - 1,
                       QColor::fromRgb(colors.sequential(std::clamp(double(m_state.outputs(t, k)), 0.0, 1.0))));
    }
    if (outputRows)
        p.drawText(QRect(kLeft, outTop + outputRows * rowH + 2, width, 3 * kLabel), Qt::AlignLeft | Qt::TextWordWrap,
                   tr("output after each step: the probability had the text ended there"));
}

} // namespace layerlab::widgets::views
