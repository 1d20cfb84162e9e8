#include "LayerActivityView.h"

#include "style/Colormap.h"
#include "style/Theme.h"

#include <QComboBox>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace layerlab::widgets::views {

namespace {
constexpr int kBins = 40;
constexpr int kTop = 64; // below the combo and the summary
} // namespace

LayerActivityView::LayerActivityView(QWidget* parent) : QWidget(parent), m_layer(new QComboBox), m_summary(new QLabel) {
    setObjectName(QStringLiteral("layerActivity"));
    auto* l = new QVBoxLayout(this);
    l->addWidget(m_layer);
    l->addWidget(m_summary);
    l->addStretch(1);
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Train, then pick a layer: its neurons over a batch of validation rows."));
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this] { rebuild(); });
    setMinimumSize(360, 300);
}

void LayerActivityView::setLayers(std::vector<LayerBatch> layers) {
    const int keep = m_layer->currentIndex();
    m_layers = std::move(layers);
    QStringList names;
    for (const auto& l : m_layers) names << l.name;
    QStringList current;
    for (int i = 0; i < m_layer->count(); ++i) current << m_layer->itemText(i);
    if (names != current) {
        const QSignalBlocker block(m_layer);
        m_layer->clear();
        m_layer->addItems(names);
        m_layer->setCurrentIndex(std::clamp(keep, 0, int(names.size()) - 1));
    }
    rebuild();
}

void LayerActivityView::showLayer(int index) {
    if (index >= 0 && index < m_layer->count()) m_layer->setCurrentIndex(index);
}

void LayerActivityView::rebuild() {
    const int i = m_layer->currentIndex();
    m_heatmap = QImage();
    m_histogram.assign(kBins, 0);
    m_dead = 0;
    if (i < 0 || std::size_t(i) >= m_layers.size() || m_layers[std::size_t(i)].values.size() == 0) {
        update();
        return;
    }
    const auto& layer = m_layers[std::size_t(i)];
    const engine::Matrix& v = layer.values;
    const float scale = std::max(1e-6f, v.cwiseAbs().maxCoeff());
    const auto colors = style::Colormap::fromTheme();
    m_heatmap = QImage(int(v.rows()), int(v.cols()), QImage::Format_RGB32);
    for (Eigen::Index n = 0; n < v.cols(); ++n)
        for (Eigen::Index r = 0; r < v.rows(); ++r) m_heatmap.setPixel(int(r), int(n), colors.diverging(v(r, n) / scale));
    m_lo = v.minCoeff();
    m_hi = v.maxCoeff();
    if (m_hi <= m_lo) m_hi = m_lo + 1;
    for (Eigen::Index k = 0; k < v.size(); ++k) {
        const int b = std::clamp(int((v.data()[k] - m_lo) / (m_hi - m_lo) * kBins), 0, kBins - 1);
        ++m_histogram[std::size_t(b)];
    }
    for (Eigen::Index n = 0; n < v.cols(); ++n)
        if (layer.relu && (v.col(n).array() <= 0.0f).all()) ++m_dead;
    QString text = tr("%1 neurons × %2 validation rows · outputs %3 … %4")
                       .arg(v.cols()).arg(v.rows()).arg(m_lo, 0, 'g', 3).arg(m_hi, 0, 'g', 3);
    if (layer.relu)
        text += m_dead ? tr(" · <b>%1 dead ReLU%2</b> (zero on every row: no gradient flows through them)").arg(m_dead).arg(m_dead > 1 ? "s" : "")
                       : tr(" · no dead ReLUs");
    m_summary->setText(text);
    update();
}

void LayerActivityView::paintEvent(QPaintEvent*) {
    if (m_heatmap.isNull()) return;
    QPainter p(this);
    const auto& theme = style::Theme::instance();
    const QRect area = rect().adjusted(12, kTop + 8, -12, -12);
    const int histHeight = std::min(120, area.height() / 3);
    const QRect heat(area.left(), area.top(), area.width(), area.height() - histHeight - 24);
    p.drawImage(heat, m_heatmap);
    p.setPen(theme.color(QStringLiteral("mutedText")));
    p.drawText(QRect(heat.left(), heat.bottom() + 2, heat.width(), 16), Qt::AlignLeft, tr("rows →"));
    const QRect hist(area.left(), area.bottom() - histHeight, area.width(), histHeight);
    const int top = std::max(1, *std::max_element(m_histogram.begin(), m_histogram.end()));
    const double w = double(hist.width()) / kBins;
    p.setPen(Qt::NoPen);
    p.setBrush(theme.color(QStringLiteral("chartTrain")));
    for (int b = 0; b < kBins; ++b) {
        const double h = double(m_histogram[std::size_t(b)]) / top * (hist.height() - 16);
        p.drawRect(QRectF(hist.left() + b * w + 1, hist.bottom() - h, w - 2, h));
    }
    p.setPen(theme.color(QStringLiteral("mutedText")));
    p.drawText(QRect(hist.left(), hist.top(), hist.width(), 14), Qt::AlignLeft, QString::number(m_lo, 'g', 3));
    p.drawText(QRect(hist.left(), hist.top(), hist.width(), 14), Qt::AlignRight, QString::number(m_hi, 'g', 3));
}

} // namespace layerlab::widgets::views
