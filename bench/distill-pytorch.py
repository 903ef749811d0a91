"""Issue 11: the distillation experiment of docs/compression.md ("Distillation") re-implemented in plain PyTorch, to
tell a Verdant defect from a property of the recipe. Same data (first N MNIST training images, official test split,
pixels / 255), same nets (Kaiming-normal MLPs, zero biases), Adam, batch 64, 3 epochs, the same loss formula.
Usage: /usr/bin/python3 bench/distill-pytorch.py [N=10000] [teacher epochs=3] [mnist folder=../shared/data/mnist]
(Debian python3-torch 1.13; not run by the build).
"""
import gzip, numpy as np, torch, torch.nn as nn, torch.nn.functional as F, sys, time
torch.set_num_threads(1)
def idx(p):
    with gzip.open(p) as f: b = f.read()
    nd = b[3]; dims = [int.from_bytes(b[4+4*i:8+4*i], 'big') for i in range(nd)]
    return np.frombuffer(b, np.uint8, offset=4+4*nd).reshape(dims)
D=(sys.argv[3] if len(sys.argv) > 3 else '../shared/data/mnist') + '/'
N=int(sys.argv[1]) if len(sys.argv)>1 else 10000
xtr=torch.tensor(idx(D+'train-images-idx3-ubyte.gz')[:N].reshape(N,-1)/255., dtype=torch.float32)
ytr=torch.tensor(idx(D+'train-labels-idx1-ubyte.gz')[:N].astype(np.int64))
xte=torch.tensor(idx(D+'t10k-images-idx3-ubyte.gz').reshape(10000,-1)/255., dtype=torch.float32)
yte=torch.tensor(idx(D+'t10k-labels-idx1-ubyte.gz').astype(np.int64))
def mlp(h):
    layers=[]; d=784
    for u in h: layers += [nn.Linear(d,u), nn.ReLU()]; d=u
    layers.append(nn.Linear(d,10))
    m=nn.Sequential(*layers)
    for l in m:
        if isinstance(l, nn.Linear): nn.init.kaiming_normal_(l.weight, nonlinearity='relu'); nn.init.zeros_(l.bias)
    return m
def acc(m): 
    with torch.no_grad(): return (m(xte).argmax(1)==yte).float().mean().item()
def train(m, epochs, teacher=None, T=4., alpha=0.9, seed=0, lr=1e-3):
    opt=torch.optim.Adam(m.parameters(), lr=lr); g=torch.Generator().manual_seed(seed)
    for e in range(epochs):
        perm=torch.randperm(N, generator=g)
        for i in range(0,N,64):
            idb=perm[i:i+64]; x=xtr[idb]; y=ytr[idb]; s=m(x)
            if teacher is None: loss=F.cross_entropy(s,y)
            else:
                with torch.no_grad(): t=teacher(x)
                loss=alpha*T*T*F.kl_div(F.log_softmax(s/T,1), F.softmax(t/T,1), reduction='batchmean')+(1-alpha)*F.cross_entropy(s,y)
            opt.zero_grad(); loss.backward(); opt.step()
    return m
torch.manual_seed(42)
tep=int(sys.argv[2]) if len(sys.argv)>2 else 3
teacher=train(mlp([256,128]), tep); teacher.eval(); print('teacher', acc(teacher), flush=True)
for seed in [1,2,3]:
    torch.manual_seed(100+seed); init=mlp([32]); sd={k:v.clone() for k,v in init.state_dict().items()}
    a=acc(train(init,3,seed=seed))
    res=[]
    for T,al in [(4,0.9),(2,0.5),(1,0.5)]:
        m=mlp([32]); m.load_state_dict(sd); res.append((T,al,acc(train(m,3,teacher,T,al,seed=seed))))
    print('seed',seed,'alone',a,'kd',res, flush=True)
