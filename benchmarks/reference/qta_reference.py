#!/usr/bin/env python3
"""PyTorch-eager reference of the QTA Studio LM engine's math (issue 18).

A minimal Llama / Mistral / Qwen2 / Qwen3 decoder in plain torch, reading the same config.json and
*.safetensors as the Java engine (no transformers, no safetensors package): RMSNorm, RoPE (default, linear,
llama3), grouped-query attention, SwiGLU, optional q/k/v biases, Qwen3 q/k norms, tied or separate head.

It measures, per phase, wall time, tokens/s and peak RSS (VmHWM, reset between phases through
/proc/self/clear_refs): prefill, greedy decode with a KV cache, the summed log-probability of a completion,
and DPO steps with LoRA (rank 8, alpha 16, all seven projections, AdamW) on a batch of pairs. It prints the
greedy tokens and log-probs so they can be set beside the Java engine's (`lm generate` / `lm score`).

    python3 qta_reference.py --model DIR [--threads 2] [--prompt-tokens 256] [--new-tokens 32]
                             [--pairs 2] [--pair-tokens 128] [--dpo-steps 2] [--prompt-ids 1,17,42] [--completion-ids 5,88]
"""
import argparse, json, math, os, re, struct, sys, time

import torch
import torch.nn.functional as F

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}


def vm(field):
    with open("/proc/self/status") as f:
        m = re.search(field + r":\s+(\d+)", f.read())
    return int(m.group(1)) * 1024 if m else -1


def reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def read_safetensors(path):
    out = {}
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    for name, t in header.items():
        if name == "__metadata__":
            continue
        a, b = t["data_offsets"]
        tensor = torch.frombuffer(bytearray(data[a:b]), dtype=DTYPES[t["dtype"]]).reshape(t["shape"])
        out[name] = tensor.float()  # the Java engine computes in float32 on the CPU
    del data
    return out


class Model:
    def __init__(self, folder):
        with open(os.path.join(folder, "config.json")) as f:
            c = json.load(f)
        self.c = c
        self.arch = c["architectures"][0]
        self.H = c["hidden_size"]
        self.n = c["num_attention_heads"]
        self.g = c.get("num_key_value_heads", self.n)
        self.d = c.get("head_dim", self.H // self.n)
        self.L = c["num_hidden_layers"]
        self.eps = c.get("rms_norm_eps", 1e-6)
        self.w = {}
        for fn in sorted(os.listdir(folder)):
            if fn.endswith(".safetensors"):
                self.w.update(read_safetensors(os.path.join(folder, fn)))
        if "lm_head.weight" not in self.w:
            self.w["lm_head.weight"] = self.w["model.embed_tokens.weight"]
        self.inv_freq = self._inv_freq(c.get("rope_theta", 10000.0), c.get("rope_scaling"))
        self.lora = None  # {module name: (A, B, scale)}

    def _inv_freq(self, theta, s):
        inv = 1.0 / (theta ** (torch.arange(0, self.d, 2, dtype=torch.float64) / self.d))
        if not s:
            return inv.float()
        kind = s.get("rope_type", s.get("type", "default"))
        if kind == "linear":
            return (inv / s["factor"]).float()
        if kind == "llama3":
            factor, lo, hi, old = s["factor"], s["low_freq_factor"], s["high_freq_factor"], s["original_max_position_embeddings"]
            wavelen = 2 * math.pi / inv
            out = torch.where(wavelen > old / lo, inv / factor, inv)
            smooth = (old / wavelen - lo) / (hi - lo)
            mid = (1 - smooth) * inv / factor + smooth * inv
            is_mid = (wavelen <= old / lo) & (wavelen >= old / hi)
            return torch.where(is_mid, mid, out).float()
        return inv.float()

    def norm(self, x, w):
        v = x.pow(2).mean(-1, keepdim=True)
        return x * torch.rsqrt(v + self.eps) * w

    def proj(self, name, x):
        y = F.linear(x, self.w[name + ".weight"], self.w.get(name + ".bias"))
        if self.lora is not None and name in self.lora:
            A, B, scale = self.lora[name]
            y = y + scale * F.linear(F.linear(x, A), B)
        return y

    def rope(self, x, pos):
        f = torch.outer(pos.float(), self.inv_freq)
        cos, sin = torch.cat([f, f], -1).cos(), torch.cat([f, f], -1).sin()
        x1, x2 = x[..., : self.d // 2], x[..., self.d // 2:]
        return x * cos + torch.cat([-x2, x1], -1) * sin

    def forward(self, ids, past=None, logits_from=0):
        """ids [B, T]; past: list of (k, v) per layer or None. Returns (logits of positions >= logits_from, hidden, cache)."""
        B, T = ids.shape
        start = 0 if past is None else past[0][0].shape[2]
        pos = torch.arange(start, start + T)
        x = self.w["model.embed_tokens.weight"][ids]
        cache = []
        S = start + T
        mask = torch.full((T, S), float("-inf")).triu(start + 1)
        for i in range(self.L):
            p = "model.layers.%d." % i
            h = self.norm(x, self.w[p + "input_layernorm.weight"])
            q = self.proj(p + "self_attn.q_proj", h).view(B, T, self.n, self.d).transpose(1, 2)
            k = self.proj(p + "self_attn.k_proj", h).view(B, T, self.g, self.d).transpose(1, 2)
            v = self.proj(p + "self_attn.v_proj", h).view(B, T, self.g, self.d).transpose(1, 2)
            if p + "self_attn.q_norm.weight" in self.w:
                q = self.norm(q, self.w[p + "self_attn.q_norm.weight"])
                k = self.norm(k, self.w[p + "self_attn.k_norm.weight"])
            q, k = self.rope(q, pos), self.rope(k, pos)
            if past is not None:
                k = torch.cat([past[i][0], k], 2)
                v = torch.cat([past[i][1], v], 2)
            cache.append((k, v))
            rep = self.n // self.g
            kk = k.repeat_interleave(rep, 1) if rep > 1 else k
            vv = v.repeat_interleave(rep, 1) if rep > 1 else v
            att = (q @ kk.transpose(-1, -2)) / math.sqrt(self.d) + mask
            o = (att.softmax(-1) @ vv).transpose(1, 2).reshape(B, T, self.n * self.d)
            x = x + self.proj(p + "self_attn.o_proj", o)
            h = self.norm(x, self.w[p + "post_attention_layernorm.weight"])
            x = x + self.proj(p + "mlp.down_proj", F.silu(self.proj(p + "mlp.gate_proj", h)) * self.proj(p + "mlp.up_proj", h))
        x = self.norm(x[:, logits_from:], self.w["model.norm.weight"])
        return F.linear(x, self.w["lm_head.weight"]), cache

    def parameters(self):
        seen, n = set(), 0
        for t in self.w.values():
            if id(t) not in seen:
                seen.add(id(t))
                n += t.numel()
        return n


def greedy(model, prompt, new_tokens, eos=None):
    with torch.no_grad():
        ids = torch.tensor([prompt])
        t0 = time.perf_counter()
        logits, cache = model.forward(ids, logits_from=len(prompt) - 1)
        t1 = time.perf_counter()
        out = []
        nxt = int(logits[0, -1].argmax())
        steps = 0
        while len(out) < new_tokens:
            out.append(nxt)
            if eos is not None and nxt in eos:
                break
            logits, cache = model.forward(torch.tensor([[nxt]]), cache)
            steps += 1
            nxt = int(logits[0, -1].argmax())
        t2 = time.perf_counter()
    return out, t1 - t0, t2 - t1, steps


def completion_logprobs(model, prompts, completions):
    """Summed log-prob of each completion given its prompt: one right-padded batch, log-softmax of the completion positions."""
    rows = [p + c for p, c in zip(prompts, completions)]
    T = max(len(r) for r in rows)
    ids = torch.tensor([r + [0] * (T - len(r)) for r in rows])
    logits, _ = model.forward(ids)
    out = []
    for b, (p, c) in enumerate(zip(prompts, completions)):
        lp = logits[b, len(p) - 1: len(p) + len(c) - 1].log_softmax(-1)
        out.append(lp.gather(-1, torch.tensor(c)[:, None]).sum())
    return torch.stack(out)


def attach_lora(model, rank=8, alpha=16, seed=0):
    gen = torch.Generator().manual_seed(seed)
    model.lora = {}
    for name, t in list(model.w.items()):
        if name.endswith("_proj.weight") and ".layers." in name:
            out_f, in_f = t.shape
            A = (torch.randn(rank, in_f, generator=gen) / math.sqrt(in_f)).requires_grad_()
            B = torch.full((out_f, rank), 1e-3).requires_grad_()  # non-zero so the first step has gradients on A too
            model.lora[name[: -len(".weight")]] = (A, B, alpha / rank)
    return [p for ab in model.lora.values() for p in ab[:2]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--prompt-tokens", type=int, default=64)
    ap.add_argument("--new-tokens", type=int, default=32)
    ap.add_argument("--pairs", type=int, default=2)
    ap.add_argument("--pair-tokens", type=int, default=128, help="tokens per row: prompt + completion")
    ap.add_argument("--completion-tokens", type=int, default=24)
    ap.add_argument("--dpo-steps", type=int, default=2)
    ap.add_argument("--prompt-ids", default=None, help="comma-separated: print greedy tokens and log-probs for these")
    ap.add_argument("--completion-ids", default=None)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    blas = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    print("torch %s, BLAS %s, threads %d" % (torch.__version__, blas.group(1) if blas else "?", torch.get_num_threads()))

    reset_peak()
    t = time.perf_counter()
    model = Model(a.model)
    print("load: %.2f s, %d parameters, peak RSS %d MiB" % (time.perf_counter() - t, model.parameters(), vm("VmHWM") >> 20))
    V = model.w["lm_head.weight"].shape[0]
    eos = model.c.get("eos_token_id")
    eos = set(eos if isinstance(eos, list) else [eos]) if eos is not None else None

    if a.prompt_ids:
        prompt = [int(x) for x in a.prompt_ids.split(",")]
        toks, _, _, _ = greedy(model, prompt, 12, eos)
        print("greedy tokens:", ",".join(map(str, toks)))
        if a.completion_ids:
            comp = [int(x) for x in a.completion_ids.split(",")]
            with torch.no_grad():
                print("log-prob: %.6f" % float(completion_logprobs(model, [prompt], [comp])[0]))

    g = torch.Generator().manual_seed(a.seed)
    prompt = torch.randint(3, V, (a.prompt_tokens,), generator=g).tolist()
    reset_peak()
    toks, t_pre, t_dec, steps = greedy(model, prompt, a.new_tokens)
    print("prefill: %d tokens, %.1f tok/s; decode (KV cache): %d steps, %.2f tok/s; peak RSS %d MiB"
          % (len(prompt), len(prompt) / t_pre, steps, steps / t_dec if t_dec else 0, vm("VmHWM") >> 20))

    c = a.completion_tokens
    p = a.pair_tokens - c
    prompts = [torch.randint(3, V, (p,), generator=g).tolist() for _ in range(a.pairs)]
    chosen = [torch.randint(3, V, (c,), generator=g).tolist() for _ in range(a.pairs)]
    rejected = [torch.randint(3, V, (c,), generator=g).tolist() for _ in range(a.pairs)]
    reset_peak()
    t = time.perf_counter()
    with torch.no_grad():
        ref = completion_logprobs(model, prompts + prompts, chosen + rejected)
    print("reference log-probs: %d rows x %d tokens, %.2f s, peak RSS %d MiB"
          % (2 * a.pairs, a.pair_tokens, time.perf_counter() - t, vm("VmHWM") >> 20))

    params = attach_lora(model, seed=a.seed)
    opt = torch.optim.AdamW(params, lr=5e-4)
    reset_peak()
    for step in range(a.dpo_steps):
        t = time.perf_counter()
        lp = completion_logprobs(model, prompts + prompts, chosen + rejected)
        pc, pr = lp[: a.pairs], lp[a.pairs:]
        rc, rr = ref[: a.pairs], ref[a.pairs:]
        loss = -F.logsigmoid(0.1 * ((pc - rc) - (pr - rr))).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        print("DPO step %d: %d pairs x %d tokens, loss %.4f, %.2f s, peak RSS %d MiB"
              % (step + 1, a.pairs, a.pair_tokens, float(loss), time.perf_counter() - t, vm("VmHWM") >> 20))


if __name__ == "__main__":
    main()
