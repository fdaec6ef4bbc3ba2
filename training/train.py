"""Build storydesk's bundled spaCy pipeline from the open corpora: ONE command, every step.

    python training/train.py --data ../shared/data

Steps (each writes under training/corpus or training/output, both git-ignored):

1. convert   UD EWT, CoNLL-2003 and GUM to DocBin (training/convert.py)
2. raw text  training material and open news text to JSONL for pretraining (training/raw_text.py)
3. pretrain  ``spacy pretrain`` of the syntax tok2vec (characters objective), unless --pretrain-epochs 0
4. syntax    ``spacy train configs/syntax.cfg`` (tok2vec, tagger, morphologizer, parser) on EWT
5. ner       ``spacy train configs/ner.cfg`` (ner with its own tok2vec) on CoNLL-2003 + GUM train
6. assemble  both plus a rule lemmatizer into storydesk/models/en_storydesk_news (training/assemble.py)

Steps 4 and 5 are independent and run at the same time, one thread each (this machine has 2 cores).

Continuing a syntax run that was stopped by the clock (``configs/syntax-resume.cfg`` sources tok2vec,
tagger, morphologizer and parser from the given pipeline and keeps training them on EWT train)::

    python training/train.py --data ../shared/data --resume-syntax training/output/syntax-v3/model-best \
        --reuse-ner training/output/ner-v1/model-best --syntax-steps 3000

``--resume-syntax`` skips pretraining and training from scratch; ``--reuse-ner`` assembles with an
already trained NER instead of training it again. With no NER job to share the machine with, the resumed
syntax run gets two threads.

One shared tok2vec instead of two (``--joint``): after the syntax step (or on ``--joint-from``, an already
trained syntax pipeline), ``configs/joint-finetune.cfg`` trains tok2vec, tagger, parser and morphologizer
further together with a new ner listening to the same tok2vec, on EWT + CoNLL-2003 + GUM (each document
with its own annotation, the rest missing); ``--lower-steps N`` then continues it with lowercase
augmentation (``configs/joint-lower.cfg``) and ``--continue-steps N`` continues that for longer with the
CoNLL-2003 documents that contain an ORG repeated once (``configs/joint-continue.cfg``, corpus
``corpus/joint-train-org``). No separate NER is trained; assembly adds only the lemmatizer::

    python training/train.py --data ../shared/data --joint-from training/output/syntax-v3/model-best \
        --joint-steps 4000 --lower-steps 3000 --continue-steps 6000

A cheaper parser (``--fast-parser-from DIR``): ``configs/parser-fast.cfg`` sources everything but the parser
from the trained pipeline DIR, frozen (byte-identical), and trains a new parser of spaCy's en_core_web_sm
size (hidden_width 64, maxout_pieces 2) on EWT train, reading the frozen tok2vec's ``doc.tensor``. DIR holds
the ner (joint pipeline) or ``--reuse-ner`` gives the separate NER pipeline (shipped model)::

    python training/train.py --data ../shared/data --fast-parser-from training/output/joint-lower-v2/model-best \
        --out training/output/cand-joint-fastparse
    python training/train.py --data ../shared/data --fast-parser-from training/output/syntax-v3/model-best \
        --reuse-ner training/output/ner-v1/model-best --out training/output/cand-shipped-fastparse

Static word vectors (``--vectors DIR``): ``training/vectors.py`` builds DIR (unless it exists already) from
shared training text only; syntax and NER then train with ``configs/syntax-vectors.cfg`` /
``configs/ner-vectors.cfg`` (``include_static_vectors = true``, otherwise the same settings) and without
pretraining (the pretrained tok2vec has no input for the vectors)::

    python training/train.py --data ../shared/data --vectors training/work/vectors/vectors-64d \
        --out training/output/cand-vectors
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable


def run(cmd: list[str], *, log: Path | None = None, wait: bool = True, threads: int = 1) -> subprocess.Popen:
    n = str(threads)
    env = {**os.environ, "OMP_NUM_THREADS": n, "OPENBLAS_NUM_THREADS": n, "MKL_NUM_THREADS": n}
    print("$", " ".join(cmd), f"> {log}" if log else "", flush=True)
    out = open(log, "w") if log else None  # noqa: SIM115 - closed when the process ends
    proc = subprocess.Popen(
        cmd, cwd=REPO, env=env, stdout=out or None, stderr=subprocess.STDOUT if out else None
    )
    if wait and proc.wait() != 0:
        sys.exit(f"step failed: {' '.join(cmd)}" + (f" (see {log})" if log else ""))
    return proc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--pretrain-epochs", type=int, default=1, help="0 skips pretraining")
    parser.add_argument("--syntax-steps", type=int, default=3500)
    parser.add_argument("--ner-steps", type=int, default=4000)
    parser.add_argument(
        "--resume-syntax",
        type=Path,
        help="continue training this syntax pipeline (e.g. training/output/syntax-v3/model-best)",
    )
    parser.add_argument("--reuse-ner", type=Path, help="assemble with this trained NER pipeline")
    parser.add_argument("--joint", action="store_true", help="one shared tok2vec (see above)")
    parser.add_argument("--joint-from", type=Path, help="trained syntax pipeline to start --joint from")
    parser.add_argument("--joint-steps", type=int, default=4000)
    parser.add_argument("--lower-steps", type=int, default=0, help="lowercase-augmented steps after --joint")
    parser.add_argument(
        "--continue-steps",
        type=int,
        default=0,
        help="after --lower-steps: steps of configs/joint-continue.cfg (CoNLL ORG documents repeated)",
    )
    parser.add_argument(
        "--fast-parser-from",
        type=Path,
        help="train only a new, smaller parser on this trained pipeline (configs/parser-fast.cfg)",
    )
    parser.add_argument("--fast-parser-steps", type=int, default=20000, help="max steps (patience 1600)")
    parser.add_argument("--lemmatizer", choices=("rule", "lookup"), default="rule")
    parser.add_argument(
        "--vectors", type=Path, help="static vectors (built by training/vectors.py if absent)"
    )
    parser.add_argument("--out", type=Path, default=REPO / "storydesk" / "models" / "en_storydesk_news")
    args = parser.parse_args()
    data = args.data.resolve()
    corpus, output, work = HERE / "corpus", HERE / "output", HERE / "work"
    for folder in (corpus, output, work):
        folder.mkdir(parents=True, exist_ok=True)
    started = time.time()

    run([PY, str(HERE / "convert.py"), "--data", str(data), "--out", str(corpus)])
    if args.vectors is not None:
        if args.resume_syntax is not None or args.joint or args.joint_from is not None:
            sys.exit("--vectors trains from scratch: not with --resume-syntax or --joint")
        args.vectors = args.vectors.resolve()
        if not args.vectors.exists():
            run(
                [PY, str(HERE / "vectors.py"), "--data", str(data), "--out", str(args.vectors)],
                log=work / "vectors.log",
            )
        # The pretrained tok2vec has no input for static vectors, so it cannot initialise this one.
        args.pretrain_epochs = 0
    if args.fast_parser_from is not None:
        fast_parser(args, output, work, args.fast_parser_from.resolve())
        print(f"done in {(time.time() - started) / 60:.1f} min -> {args.out}")
        return
    if args.joint_from is not None:
        joint(args, output, work, args.joint_from.resolve())
        print(f"done in {(time.time() - started) / 60:.1f} min -> {args.out}")
        return
    init_tok2vec = "null"
    if args.pretrain_epochs > 0 and args.resume_syntax is None:
        run([PY, str(HERE / "raw_text.py"), "--data", str(data), "--out", str(corpus / "raw.jsonl")])
        run(
            [
                PY,
                "-m",
                "spacy",
                "pretrain",
                str(HERE / "configs" / "syntax.cfg"),
                str(output / "pretrain"),
                "--pretraining.max_epochs",
                str(args.pretrain_epochs),
                "--paths.raw_text",
                str(corpus / "raw.jsonl"),
            ],
            log=work / "pretrain.log",
        )
        init_tok2vec = str(output / "pretrain" / f"model{args.pretrain_epochs - 1}.bin")

    if args.resume_syntax is not None:
        # Sourced components keep their weights (initialisation skips them); init_tok2vec stays null in
        # syntax-resume.cfg, since it would overwrite the sourced tok2vec.
        syntax_cmd = ["syntax-resume.cfg", "--paths.base", str(args.resume_syntax.resolve())]
        syntax_name = "syntax-resumed"
    else:
        syntax_cmd = ["syntax.cfg", "--paths.init_tok2vec", init_tok2vec]
        syntax_name = "syntax"
        if args.vectors is not None:
            syntax_cmd = ["syntax-vectors.cfg", "--paths.vectors", str(args.vectors)]
            syntax_name = "syntax-vectors"
    syntax = run(
        [
            PY,
            "-m",
            "spacy",
            "train",
            str(HERE / "configs" / syntax_cmd[0]),
            *syntax_cmd[1:],
            "--output",
            str(output / syntax_name),
            "--training.max_steps",
            str(args.syntax_steps),
        ],
        log=work / f"{syntax_name}.log",
        wait=False,
        threads=1 if args.reuse_ner is None and not args.joint else 2,
    )
    ner_model = args.reuse_ner
    ner = None
    if ner_model is None and not args.joint:
        ner_name, ner_cmd = "ner", ["ner.cfg"]
        if args.vectors is not None:
            ner_name, ner_cmd = "ner-vectors", ["ner-vectors.cfg", "--paths.vectors", str(args.vectors)]
        ner_model = output / ner_name / "model-best"
        ner = run(
            [
                PY,
                "-m",
                "spacy",
                "train",
                str(HERE / "configs" / ner_cmd[0]),
                *ner_cmd[1:],
                "--output",
                str(output / ner_name),
                "--training.max_steps",
                str(args.ner_steps),
            ],
            log=work / f"{ner_name}.log",
            wait=False,
        )
    if syntax.wait() != 0 or (ner is not None and ner.wait() != 0):
        sys.exit(f"training failed: see the logs in {work}")

    if args.joint:
        joint(args, output, work, output / syntax_name / "model-best")
        print(f"done in {(time.time() - started) / 60:.1f} min -> {args.out}")
        return
    assemble(args, output / syntax_name / "model-best", ner_model)
    print(f"done in {(time.time() - started) / 60:.1f} min -> {args.out}")


def assemble(args: argparse.Namespace, syntax: Path, ner: Path | None = None) -> None:
    """``assemble.py``: the pipeline at ``syntax`` (with the NER of ``ner`` if given) and the chosen
    lemmatizer into ``args.out``."""
    command = [PY, str(HERE / "assemble.py"), "--lemmatizer", args.lemmatizer, "--syntax", str(syntax)]
    if ner is not None:
        command += ["--ner", str(ner)]
    run([*command, "--out", str(args.out)])


def joint(args: argparse.Namespace, output: Path, work: Path, syntax: Path) -> None:
    """Shared-tok2vec training from the syntax pipeline ``syntax``, then assembly (see module docstring)."""
    # spacy.Corpus.v1 reads every .spacy file under a folder: the joint corpora are folders of links to
    # the DocBins convert.py wrote (EWT for syntax, CoNLL-2003 + GUM for names).
    corpus = HERE / "corpus"
    links = {
        "joint-train": ["ewt-train.spacy", "ner-train/conll.spacy", "ner-train/gum.spacy"],
        "joint-dev": ["ewt-dev.spacy", "ner-dev.spacy"],
    }
    for folder, files in links.items():
        (corpus / folder).mkdir(exist_ok=True)
        for name in files:
            link = corpus / folder / Path(name).name
            if not link.exists():
                link.symlink_to(Path("..") / name)
    org_boost_corpus(corpus)

    def stage(config: str, start: Path, name: str, steps: int) -> Path:
        """One spaCy training run that continues from ``start``; returns its best model."""
        run(
            [
                PY,
                "-m",
                "spacy",
                "train",
                str(HERE / "configs" / config),
                "--paths.syntax",
                str(start),
                "--output",
                str(output / name),
                "--training.max_steps",
                str(steps),
            ],
            log=work / f"{name}.log",
        )
        return output / name / "model-best"

    best = stage("joint-finetune.cfg", syntax, "joint", args.joint_steps)
    if args.lower_steps > 0:
        best = stage("joint-lower.cfg", best, "joint-lower", args.lower_steps)
    if args.continue_steps > 0:
        best = stage("joint-continue.cfg", best, "joint-continue", args.continue_steps)
    assemble(args, best)


def fast_parser(args: argparse.Namespace, output: Path, work: Path, base: Path) -> None:
    """A new hidden_width 64 / maxout 2 parser on the frozen components of ``base``, then assembly."""
    import spacy

    pipeline = spacy.util.load_config(base / "config.cfg")["nlp"]["pipeline"]
    pipeline = [pipe for pipe in pipeline if pipe not in ("lemmatizer", "ner")]
    if "parser" not in pipeline or pipeline[0] != "tok2vec":
        sys.exit(f"{base}: expected a pipeline starting with tok2vec and holding a parser")
    ner = args.reuse_ner.resolve() if args.reuse_ner is not None else base
    # Whichever pipeline the ner comes from, it runs before the parser (see assemble.py).
    pipeline.insert(pipeline.index("parser"), "ner")
    name = f"fastparse-{base.parent.name}"
    run(
        [
            PY,
            "-m",
            "spacy",
            "train",
            str(HERE / "configs" / "parser-fast.cfg"),
            "--paths.base",
            str(base),
            "--paths.ner",
            str(ner),
            "--nlp.pipeline",
            json.dumps(pipeline),
            # Mirror the replaced parser: the joint pipeline's was trained with 20% lowercased documents.
            "--corpora.train.augmenter.level",
            "0.2" if args.reuse_ner is None else "0.0",
            "--output",
            str(output / name),
            "--training.max_steps",
            str(args.fast_parser_steps),
        ],
        log=work / f"{name}.log",
    )
    assemble(args, output / name / "model-best")


def org_boost_corpus(corpus: Path) -> Path:
    """``corpus/joint-train-org``: joint-train plus a second copy of the CoNLL-2003 train documents with an ORG.

    spaCy's corpus reader has no example weights, so repeating documents is how ORG (the joint NER's
    weakest label) gets more weight; used by ``configs/joint-continue.cfg``.
    """
    import spacy
    from spacy.tokens import DocBin

    folder = corpus / "joint-train-org"
    folder.mkdir(exist_ok=True)
    for name in ("ewt-train.spacy", "ner-train/conll.spacy", "ner-train/gum.spacy"):
        link = folder / Path(name).name
        if not link.exists():
            link.symlink_to(Path("..") / name)
    extra = folder / "conll-org.spacy"
    if not extra.exists():
        nlp = spacy.blank("en")
        docs = DocBin().from_disk(corpus / "ner-train" / "conll.spacy").get_docs(nlp.vocab)
        with_org = [doc for doc in docs if any(ent.label_ == "ORG" for ent in doc.ents)]
        DocBin(store_user_data=False, docs=with_org).to_disk(extra)
    return folder


if __name__ == "__main__":
    main()
