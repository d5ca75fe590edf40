# SEP: the steps of the pipeline, chained. Every target installs what it needs on first use.
#   make run      the main job end to end in quick size (minutes)
#   make test     the JUnit 5 suite on the real data
#   make reproduce the full-size paper reproduction (hours; run it in the background)
# Steps re-run only when their inputs (shared code, scripts, options) changed; the feature cache itself
# also re-uses every clip whose file and config are unchanged.

SHELL := /bin/bash
JBANG_VERSION := 0.132.1
JBANG := ./jbang
MVN := mvn -B -q
SHARED := $(shell find shared -name '*.java' -o -name '*.tsv' 2>/dev/null)
STAMPS := cache/stamps

.PHONY: setup run test verify features explore bench model judge reproduce clean help baselines baselines-classic cross-corpus speaker-norm transfer fusions report $(addprefix baseline-,$(DEEP_MODELS))
.DEFAULT_GOAL := help

help:
	@echo "make run        the main job in quick size: verify (data check), features, explore (data report)"
	@echo "make test       the test suite (JUnit 5, real data, quick modes)"
	@echo "make features   log-mel feature cache of EmoDB and RAVDESS (sep-prep)"
	@echo "make explore    data-understanding report (sep-explore)"
	@echo "make bench      speed of the front end, sep-predict, a 12-hour file and the deep networks -> results/bench.json (sep-bench)"
	@echo "make model      rebuild the default model in models/default/ (shared six, EmoDB + RAVDESS, speakers held out)"
	@echo "make judge      the ResNet judges of the generative work in models/judge-resnet-<corpus>/ (split, test predictions)"
	@echo "make baselines  every recogniser on the reported protocols (hours); baselines-classic, baseline-cnn, ... one by one"
	@echo "make cross-corpus / speaker-norm / transfer / fusions   the other rows of the leaderboard (after baselines)"
	@echo "make report     gather finished runs into results/leaderboard.md and the README's tables"
	@echo "make reproduce  every leaderboard row: baselines, cross-corpus, speaker-norm, transfer, fusions (many hours)"
	@echo "make setup      install the project's own JBang launcher (./jbang) and every dependency; later steps work offline"

# --- setup: JBang from Maven Central (jar only), with the project's own launcher at ./jbang
setup: $(JBANG) $(STAMPS)/deps

.tools/jbang-cli-all.jar:
	@mkdir -p .tools
	$(MVN) dependency:copy -Dartifact=dev.jbang:jbang-cli:$(JBANG_VERSION):jar:all -DoutputDirectory=.tools
	mv .tools/jbang-cli-$(JBANG_VERSION)-all.jar $@

$(JBANG): tools/jbang-launcher.sh .tools/jbang-cli-all.jar
	cp tools/jbang-launcher.sh $@
	chmod +x $@

# Resolves every dependency once (Maven Central), so later steps work offline. go-offline takes the dependencies and
# plugins; Surefire resolves its JUnit provider and launcher only when it runs a test (not when the filter matches
# none), hence one quick test that reads no data. JBang resolves the scripts' //DEPS itself, with a few artifacts more
# than Maven (junit 4.12 of a transitive pom), so it resolves them too (one script: they all share Deps.java).
$(STAMPS)/deps: pom.xml shared/sep/Deps.java | $(JBANG)
	$(MVN) dependency:go-offline >/dev/null
	$(MVN) test -Dtest='ProjectShapeTest#jbangAndMavenPinTheSameDependencies' >/dev/null
	$(JBANG) info classpath scripts/SepData.java >/dev/null
	@mkdir -p $(STAMPS) && touch $@

# --- the pipeline
features: $(STAMPS)/features
$(STAMPS)/features: $(SHARED) scripts/SepPrep.java | setup
	$(JBANG) sep-prep
	@mkdir -p $(STAMPS) && touch $@

explore: $(STAMPS)/explore
$(STAMPS)/explore: $(SHARED) scripts/SepExplore.java | setup
	$(JBANG) sep-explore
	@mkdir -p $(STAMPS) && touch $@

bench: | setup
	$(JBANG) sep-bench

# --- the default model sep-predict and sep-eval use: the shared-six recogniser trained on EmoDB and RAVDESS together on the
# speaker-disjoint split (its test speakers held out), copied with its run manifest and held-out test report.
# Pinned to the committed model's recipe (reproduces its numbers exactly): the 157 v1 features, twice as fast to
# extract as v2, keep sep-predict above 100 files per second on two cores; no refit, as when it was chosen.
DEFAULT_MODEL_TRAINER := sep-classic --model svm --features v1 --no-refit
model: | setup
	@set -o pipefail; \
	run=$$($(JBANG) $(DEFAULT_MODEL_TRAINER) --dataset emodb+ravdess --labels shared6 --protocol split | tee /dev/stderr \
	      | sed -n 's/^run folder //p'); \
	tools/publish-model.sh "$$run" split models/default

# --- the judge of the generative work: a ResNet per corpus on the speaker-disjoint split, with its test-split predictions.
judge: | setup
	@set -o pipefail; for d in emodb ravdess; do \
	  run=$$($(JBANG) sep-train --model resnet --dataset $$d --protocol split | tee /dev/stderr | sed -n 's/^run folder //p'); \
	  tools/publish-model.sh "$$run" split models/judge-resnet-$$d || exit 1; \
	done

verify: | setup
	$(JBANG) sep-data verify

run: verify features explore
	@echo "quick run done: run folders are in runs/, the report in results/explore/"

# --- tests: Surefire prints 'Tests run: N, Failures: F, Errors: E, Skipped: S' at the end
test: setup
	mvn -B test

# --- baselines: every recogniser on the reported protocols (long; each run resumes with --resume RUN)
CLASSIC_MODELS := svm logistic xgboost
DEEP_MODELS := cnn resnet efficientnet ann
PROTOCOLS_EMODB := --dataset emodb --protocol loso
PROTOCOLS_RAVDESS := --dataset ravdess --protocol grouped-folds

baselines-classic: features
	for m in $(CLASSIC_MODELS); do \
	  $(JBANG) sep-classic --model $$m --dataset emodb --protocol split && \
	  $(JBANG) sep-classic --model $$m --dataset ravdess --protocol split && \
	  $(JBANG) sep-classic --model $$m $(PROTOCOLS_EMODB) && \
	  $(JBANG) sep-classic --model $$m $(PROTOCOLS_RAVDESS) || exit 1; \
	done
	$(JBANG) sep-classic --model svm --dataset 'emodb->ravdess' --labels shared6 --protocol cross-corpus
	$(JBANG) sep-classic --model svm --dataset 'ravdess->emodb' --labels shared6 --protocol cross-corpus
	$(JBANG) sep-classic --model svm --dataset emodb --labels shared6 --protocol random-80-20 --seeds 1,2,3,4,5
	$(JBANG) sep-classic --model svm --dataset ravdess --labels shared6 --protocol random-80-20 --seeds 1,2,3,4,5
	$(JBANG) sep-report

# One target per deep model: the speaker-independent protocols of both corpora. THREADS=1 lets two targets share the
# two cores (make -j2 baseline-resnet baseline-ann): one libtorch thread trains almost as fast as two.
THREADS ?= 2
# Built once before the targets start (the launcher also makes concurrent builds of one script wait for each other).
$(STAMPS)/train-build: $(SHARED) scripts/SepTrain.java | setup
	$(JBANG) build scripts/SepTrain.java
	@mkdir -p $(STAMPS) && touch $@

TRAIN = $(JBANG) -Dai.djl.pytorch.num_threads=$(THREADS) sep-train
$(addprefix baseline-,$(DEEP_MODELS)): baseline-%: features $(STAMPS)/train-build
	$(TRAIN) --model $* --dataset emodb --protocol split
	$(TRAIN) --model $* --dataset ravdess --protocol split
	$(TRAIN) --model $* $(PROTOCOLS_EMODB)
	$(TRAIN) --model $* $(PROTOCOLS_RAVDESS)
	$(JBANG) sep-report

# Across corpora (shared six): the ResNet in both directions (the SVM's runs are part of baselines-classic).
cross-corpus: features $(STAMPS)/train-build
	$(TRAIN) --model resnet --dataset 'emodb->ravdess' --labels shared6 --protocol cross-corpus
	$(TRAIN) --model resnet --dataset 'ravdess->emodb' --labels shared6 --protocol cross-corpus
	$(JBANG) sep-report

# Transfer between corpora: each corpus's ResNet starts from the other corpus's (the committed judges of make judge;
# --init-from refuses a model that saw the corpus under test). Speaker-normalised: from a RAVDESS split run made here.
transfer: features $(STAMPS)/train-build
	$(TRAIN) --model resnet $(PROTOCOLS_EMODB) --init-from models/judge-resnet-ravdess
	$(TRAIN) --model resnet $(PROTOCOLS_RAVDESS) --init-from models/judge-resnet-emodb
	@set -o pipefail; \
	run=$$($(TRAIN) --model resnet --speaker-norm --dataset ravdess --protocol split | tee /dev/stderr | sed -n 's/^run folder //p'); \
	$(TRAIN) --model resnet --speaker-norm $(PROTOCOLS_EMODB) --init-from "$$run"
	$(JBANG) sep-report

# Speaker-normalised runs (transductive, their own table): each speaker's inputs normalised over all their recordings.
speaker-norm: features $(STAMPS)/train-build
	for m in svm logistic; do \
	  $(JBANG) sep-classic --model $$m --speaker-norm $(PROTOCOLS_EMODB) && \
	  $(JBANG) sep-classic --model $$m --speaker-norm $(PROTOCOLS_RAVDESS) || exit 1; \
	done
	$(JBANG) sep-classic --model svm --speaker-norm --dataset 'emodb->ravdess' --labels shared6 --protocol cross-corpus
	$(JBANG) sep-classic --model svm --speaker-norm --dataset 'ravdess->emodb' --labels shared6 --protocol cross-corpus
	$(TRAIN) --model resnet --speaker-norm $(PROTOCOLS_EMODB)
	$(TRAIN) --model resnet --speaker-norm $(PROTOCOLS_RAVDESS)
	$(TRAIN) --model cnn --speaker-norm $(PROTOCOLS_EMODB)
	$(TRAIN) --model cnn --speaker-norm $(PROTOCOLS_RAVDESS)
	$(JBANG) sep-report

# Late fusions (sep-fuse) of the runs the leaderboard counts; needs baseline-resnet, baseline-cnn, cross-corpus,
# speaker-norm and transfer first. Classical sources are made here without the final refit (their models must not have seen the
# validation speakers that choose the weights).
FUSE = $(JBANG) sep-fuse
fusions: features
	for n in "" --speaker-norm; do \
	  for m in svm logistic; do \
	    $(JBANG) sep-classic --model $$m --no-refit $$n $(PROTOCOLS_EMODB) && \
	    $(JBANG) sep-classic --model $$m --no-refit $$n $(PROTOCOLS_RAVDESS) || exit 1; \
	  done; \
	  for p in "$(PROTOCOLS_EMODB)" "$(PROTOCOLS_RAVDESS)"; do \
	    $(FUSE) --models resnet,svm-norefit $$n $$p && \
	    $(FUSE) --models resnet,svm-norefit,logistic-norefit $$n $$p || exit 1; \
	  done; \
	done
	for d in 'emodb->ravdess' 'ravdess->emodb'; do \
	  $(JBANG) sep-classic --model svm --no-refit --dataset "$$d" --labels shared6 --protocol cross-corpus && \
	  $(JBANG) sep-classic --model logistic --no-refit --dataset "$$d" --labels shared6 --protocol cross-corpus && \
	  $(FUSE) --models resnet,svm-norefit,logistic-norefit --dataset "$$d" --labels shared6 --protocol cross-corpus || exit 1; \
	done
	$(FUSE) --models resnet,cnn $(PROTOCOLS_EMODB)
	$(FUSE) --models resnet,cnn $(PROTOCOLS_RAVDESS)
	$(FUSE) --models resnet,cnn --speaker-norm $(PROTOCOLS_EMODB)
	$(FUSE) --models resnet,cnn --speaker-norm $(PROTOCOLS_RAVDESS)
	$(FUSE) --models resnet-init-ravdess,svm-norefit,logistic-norefit $(PROTOCOLS_EMODB)
	$(FUSE) --models resnet-init-emodb,svm-norefit,logistic-norefit $(PROTOCOLS_RAVDESS)
	$(FUSE) --models resnet-init-ravdess,svm-norefit,logistic-norefit --speaker-norm $(PROTOCOLS_EMODB)
	$(FUSE) --models resnet-init-ravdess,cnn $(PROTOCOLS_EMODB)
	$(FUSE) --models resnet-init-ravdess,cnn --speaker-norm $(PROTOCOLS_EMODB)
	$(JBANG) sep-report

baselines: baselines-classic $(addprefix baseline-,$(DEEP_MODELS))

report: | setup
	$(JBANG) sep-report

# Every row of the README's leaderboard, in dependency order.
reproduce: features
	$(MAKE) baselines cross-corpus speaker-norm transfer
	$(MAKE) fusions

clean:
	rm -rf target cache runs
