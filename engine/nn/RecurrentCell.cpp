#include "RecurrentCell.h"

#include <cmath>

namespace layerlab::engine::nn::cell {
namespace {

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

} // namespace

int gates(Cell cell) {
    switch (cell) {
    case Cell::Rnn: return 1;
    case Cell::Gru: return 3;
    case Cell::Lstm: return 4;
    }
    return 1;
}

void forwardRow(Cell cell, int H, const float* pre, const float* rec, const float* recBias, const float* hPrev,
                const float* cPrev, float* g, float* hn, float* h, float* c) {
    switch (cell) {
    case Cell::Rnn:
        for (int j = 0; j < H; ++j) h[j] = g[j] = std::tanh(pre[j] + rec[j]);
        break;
    case Cell::Gru:
        for (int j = 0; j < H; ++j) {
            const float z = sigmoid(pre[j] + rec[j]);
            const float r = sigmoid(pre[H + j] + rec[H + j]);
            hn[j] = rec[2 * H + j] + recBias[j];
            const float n = std::tanh(pre[2 * H + j] + r * hn[j]);
            g[j] = z;
            g[H + j] = r;
            g[2 * H + j] = n;
            h[j] = (1.0f - z) * n + z * hPrev[j];
        }
        break;
    case Cell::Lstm:
        for (int j = 0; j < H; ++j) {
            const float i = sigmoid(pre[j] + rec[j]);
            const float f = sigmoid(pre[H + j] + rec[H + j]);
            const float gg = std::tanh(pre[2 * H + j] + rec[2 * H + j]);
            const float o = sigmoid(pre[3 * H + j] + rec[3 * H + j]);
            g[j] = i;
            g[H + j] = f;
            g[2 * H + j] = gg;
            g[3 * H + j] = o;
            c[j] = f * cPrev[j] + i * gg;
            h[j] = o * std::tanh(c[j]);
        }
        break;
    }
}

void backwardRow(Cell cell, int H, const float* g, const float* hn, const float* h, const float* c, const float* cPrev,
                 const float* hPrev, const float* dh, float* dc, float* dPre, float* dRec, float* dhDirect) {
    switch (cell) {
    case Cell::Rnn:
        for (int j = 0; j < H; ++j) {
            dRec[j] = dPre[j] = dh[j] * (1.0f - h[j] * h[j]);
            dhDirect[j] = 0.0f;
        }
        break;
    case Cell::Gru:
        for (int j = 0; j < H; ++j) {
            const float z = g[j], r = g[H + j], n = g[2 * H + j];
            const float dn = dh[j] * (1.0f - z);
            const float dz = dh[j] * (hPrev[j] - n);
            const float dan = dn * (1.0f - n * n);
            const float dar = dan * hn[j] * r * (1.0f - r);
            const float daz = dz * z * (1.0f - z);
            dPre[j] = dRec[j] = daz;
            dPre[H + j] = dRec[H + j] = dar;
            dPre[2 * H + j] = dan;
            dRec[2 * H + j] = dan * r;
            dhDirect[j] = dh[j] * z;
        }
        break;
    case Cell::Lstm:
        for (int j = 0; j < H; ++j) {
            const float i = g[j], f = g[H + j], gg = g[2 * H + j], o = g[3 * H + j];
            const float tc = std::tanh(c[j]);
            const float dcj = dc[j] + dh[j] * o * (1.0f - tc * tc);
            dRec[j] = dPre[j] = dcj * gg * i * (1.0f - i);
            dRec[H + j] = dPre[H + j] = dcj * cPrev[j] * f * (1.0f - f);
            dRec[2 * H + j] = dPre[2 * H + j] = dcj * i * (1.0f - gg * gg);
            dRec[3 * H + j] = dPre[3 * H + j] = dh[j] * tc * o * (1.0f - o);
            dc[j] = dcj * f;
            dhDirect[j] = 0.0f;
        }
        break;
    }
}

} // namespace layerlab::engine::nn::cell
