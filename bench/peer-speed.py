#!/usr/bin/python3
"""PyTorch eager peer for bench/peer-speed.sh: the same data, network, batch size, optimiser and thread count
as Verdant's side. Usage:
  peer-speed.py train ARCH MNIST_FOLDER LIMIT THREADS   -> prints 'samples_per_s <x>' for one epoch after a warm-up
  peer-speed.py gemm N THREADS                          -> prints 'gflops <x>' for numpy sgemm N x N x N
"""
import gzip
import os
import struct
import sys
import time


def read_idx(path):
    opener = gzip.open if open(path, 'rb').read(2) == b'\x1f\x8b' else open
    with opener(path, 'rb') as f:
        data = f.read()
    magic, count = struct.unpack('>II', data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack('>II', data[8:16])
        return data[16:], count, rows, cols
    return data[8:], count, 0, 0


def find(folder, stem):
    for name in (stem + '.gz', stem):
        p = os.path.join(folder, name)
        if os.path.exists(p):
            return p
    raise SystemExit(f'{stem}(.gz) not found in {folder}')


def gemm(n, threads):
    import numpy as np
    a = np.random.rand(n, n).astype(np.float32)
    b = np.random.rand(n, n).astype(np.float32)
    a @ b
    best = float('inf')
    for _ in range(5):
        t = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - t)
    print(f'gflops {2.0 * n ** 3 / best / 1e9:.1f}')


def net(arch, torch):
    nn = torch.nn
    if arch == 'mlp':
        m = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                          nn.Linear(128, 10))
    else:
        # Verdant's lenet5 on 28x28: 5x5 conv (6, padded to LeNet's 32x32 field), avg-pool, 5x5 conv (16), avg-pool,
        # 120-84-10, ReLU.
        m = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.AvgPool2d(2),
                          nn.Conv2d(6, 16, 5), nn.ReLU(), nn.AvgPool2d(2), nn.Flatten(),
                          nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    for mod in m.modules():
        if isinstance(mod, (nn.Linear, nn.Conv2d)):
            nn.init.kaiming_normal_(mod.weight)
            nn.init.zeros_(mod.bias)
    return m


def train(arch, folder, limit, threads):
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    pixels, count, rows, cols = read_idx(find(folder, 'train-images-idx3-ubyte'))
    labels, _, _, _ = read_idx(find(folder, 'train-labels-idx1-ubyte'))
    n = min(limit, count)
    x = torch.frombuffer(bytearray(pixels[:n * rows * cols]), dtype=torch.uint8).float().div_(255.0)
    x = x.view(n, 1, rows, cols) if arch != 'mlp' else x.view(n, rows * cols)
    y = torch.frombuffer(bytearray(labels[:n]), dtype=torch.uint8).long()
    model = net(arch, torch)
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch():
        # Like Verdant's loop: shuffled batches of 128, the loss and the correct count read back every batch.
        order = torch.randperm(n)
        seconds = 0.0
        for start in range(0, n, 128):
            t = time.perf_counter()
            idx = order[start:start + 128]
            xb, yb = x[idx], y[idx]
            opt.zero_grad(set_to_none=True)
            out = model(xb)
            loss = loss_fn(out, yb)
            loss.backward()
            opt.step()
            loss.item()
            int((out.argmax(1) == yb).sum())
            seconds += time.perf_counter() - t
        return n / seconds

    epoch()  # warm-up, as Verdant's side has one
    print(f'samples_per_s {epoch():.1f}')


if __name__ == '__main__':
    if sys.argv[1] == 'gemm':
        import torch  # noqa: F401 (not used: numpy's own BLAS is measured)
        gemm(int(sys.argv[2]), int(sys.argv[3]))
    else:
        train(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
