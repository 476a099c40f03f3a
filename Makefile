# lakip-audit — plain GNU make.
#   make            build ./lakip-audit
#   make demo       install missing Debian packages, build, audit the bundled fixture
#   make test       install missing Debian packages, build, run every test
#   make bench      1M-row long-form file: full audit vs libcsv parse only, findings vs truth
#   make dist       lakip-audit-VERSION.tar.gz of the tracked files (make distcheck: unpack, make test)
#   make fuzz       libFuzzer on every parser, FUZZ_TIME seconds each (installs clang)
#   make fuzz-check the reproducible form CI runs: regressions, seeds, FUZZ_RUNS fixed-seed inputs each
#   make SANITIZE=address,undefined test    build with sanitizers
#   V=1             show the commands

PREFIX  ?= /usr/local
CC      ?= cc
# MuPDF (PDF reports): Debian's libmupdf-dev is a static library whose
# dependencies are not declared, hence the -dev packages after it.
PKGS    := pkg-config liblua5.4-dev libcsv-dev libcmocka-dev libxlsxwriter-dev \
           libmupdf-dev libmujs-dev libgumbo-dev libopenjp2-7-dev libjbig2dec0-dev \
           libharfbuzz-dev libfreetype-dev libjpeg-dev zlib1g-dev python3 \
           libzip-dev libexpat1-dev
# the version: git describe in a checkout, the VERSION file of a `make dist` tarball
VERSION := $(shell if [ -e .git ]; then git describe --tags --always --dirty 2>/dev/null; \
                   elif [ -f VERSION ]; then cat VERSION; else echo 0.1; fi)

LUA_CFLAGS := $(shell pkg-config --cflags lua5.4 2>/dev/null || echo -I/usr/include/lua5.4)
LUA_LIBS   := $(shell pkg-config --libs lua5.4 2>/dev/null || echo -llua5.4)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
# workbooks and documents: libzip + expat (OOXML, ODF); .xls is read by src/input/xls_load.c itself
OFFICE_CFLAGS := $(shell pkg-config --cflags libzip expat 2>/dev/null)
OFFICE_LIBS   := $(shell pkg-config --libs expat 2>/dev/null || echo -lexpat)
# libzip and libxlsxwriter are opened when first needed (src/util/lazy_lib.h:
# with libcrypto, which both pull in, they were half of the start-up), by the
# soname of the library built against (Debian 12: libzip.so.4,
# libxlsxwriter.so.4)
soname_of = $(or $(shell objdump -p $$($(CC) -print-file-name=lib$(1).so) 2>/dev/null | awk '/SONAME/ { print $$2 }'),$(2))
LAZY_CFLAGS := -DLIBZIP_SONAME='"$(call soname_of,zip,libzip.so.4)"' \
               -DLIBXLSXWRITER_SONAME='"$(call soname_of,xlsxwriter,libxlsxwriter.so.4)"' \
               -DFREETYPE_SONAME='"$(call soname_of,freetype,libfreetype.so.6)"' \
               -DHARFBUZZ_SONAME='"$(call soname_of,harfbuzz,libharfbuzz.so.0)"'
# so are FreeType and HarfBuzz, which MuPDF calls for a PDF's fonts
# (src/input/font_libs.h: with what they pull in, 0.6 ms of every start)
FONT_CFLAGS := $(shell pkg-config --cflags freetype2 harfbuzz 2>/dev/null || echo -I/usr/include/freetype2 -I/usr/include/harfbuzz)

CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Wstrict-prototypes -Wshadow -D_POSIX_C_SOURCE=200809L \
           -DLAKIP_VERSION='"$(VERSION)"' -DLAKIP_RULES_DIR='"$(PREFIX)/share/lakip-audit/rules"' \
           $(LUA_CFLAGS) $(OFFICE_CFLAGS) $(FONT_CFLAGS) $(LAZY_CFLAGS) -MMD -MP
MUPDF_LIBS := -lmupdf -lmupdf-third -lmujs -lgumbo -lopenjp2 -ljbig2dec -ljpeg -lz
LDLIBS  := $(LUA_LIBS) -lcsv $(MUPDF_LIBS) $(OFFICE_LIBS) -lm -pthread
# Start-up counts (the one-report case is measured in milliseconds): mapping
# and relocating ~25 shared objects was a third of it (callgrind: 8 M
# instructions in the dynamic loader). The permissively licensed libraries
# whose Debian -dev package also ships a static archive are linked from it;
# the rest stay shared — libcsv (LGPL) among them, see README "Licence". An
# archive that is missing: shared as before.
STATIC_LIBS := lua5.4 mujs gumbo openjp2 jbig2dec jpeg expat
static_archive = $(or $(filter /%,$(shell $(CC) -print-file-name=lib$(1).a)),-l$(1))
LDLIBS  := $(foreach w,$(LDLIBS),$(if $(filter $(patsubst -l%,%,$(w)),$(STATIC_LIBS)),$(call static_archive,$(patsubst -l%,%,$(w))),$(w)))
ifdef SANITIZE
CFLAGS  += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif
# The program is optimised whole at its link (GCC's link-time optimisation:
# small functions of one file inlined into another's loops — table_cell,
# the row checks' cell reads, the JSON writer's pieces): 4.5 % fewer
# instructions on the bench file (README "Speed"). The objects carry GCC's
# intermediate code and machine code both (fat), so the unit tests link
# them as usual, without a whole-program step per test binary (-fno-lto
# there: GCC's linker plugin would otherwise optimise them again). Not with
# another compiler (clang: the fuzz build has its own flags), nor under
# the sanitizers; `make LTO=` turns it off.
ifndef SANITIZE
ifeq ($(origin LTO),undefined)
LTO := $(if $(shell $(CC) --version 2>/dev/null | grep -i 'free software foundation'),-flto=auto -ffat-lto-objects)
endif
endif

ifndef V
Q := @
E := @echo
else
Q :=
E := @true
endif

SRC      := $(wildcard src/*.c src/*/*.c)
# the shipped rules, compiled to bytecode and embedded (tools/embed_rules.c)
RULE_SRC := $(wildcard rules/*.lua rules/lib/*.lua)
BUNDLED  := build/gen/bundled_rules.o
LIB_OBJ  := $(patsubst src/%.c,build/%.o,$(filter-out src/main.c,$(SRC))) $(BUNDLED)
MAIN_OBJ := build/main.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRC))

.PHONY: fuzz fuzz-check fuzz-deps fuzz-build FORCE
.PHONY: all deps demo test layers unit e2e hardening-test attack-test html-test sarif-test xlsx-test pdf-test clean-test portfolio-test bench install dist distcheck clean docs

all: lakip-audit

# Installs the Debian packages only when one is missing (needs root and apt).
deps:
	$(Q)missing=""; for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

lakip-audit: $(LIB_OBJ) $(MAIN_OBJ)
	$(E) "  LINK    $@"
	$(Q)$(CC) $(LDFLAGS) $(LTO) -o $@ $^ $(LDLIBS)

build/%.o: src/%.c build/gen/cflags
	$(Q)mkdir -p $(@D)
	$(E) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(LTO) -Isrc -c -o $@ $<

# The build-time compiler of the shipped rules: the same liblua5.4 the
# program links against, so the bytecode matches the interpreter.
build/tools/embed_rules: tools/embed_rules.c
	$(Q)mkdir -p $(@D)
	$(E) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LUA_LIBS)

# the list of rule files, rewritten only when it changes: a rule file
# removed or renamed rebuilds the embedded rules too
build/gen/rule-files: FORCE
	$(Q)mkdir -p $(@D)
	$(Q)echo '$(sort $(RULE_SRC))' | cmp -s - $@ || echo '$(sort $(RULE_SRC))' >$@

FORCE:

# The compile flags of the objects, rewritten only when they change: an
# object compiled with other flags (before LTO was switched on, or under
# the sanitizers) is rebuilt instead of linked as it was — an incremental
# build once kept non-LTO objects, 6.5 M more instructions on the bench
# file. The version and the rules folder are left out: the one changes at
# every commit and the other at every `make install PREFIX=...`, and
# neither changes the machine code of any but the file that prints it.
OBJ_FLAGS := $(CC) $(filter-out -DLAKIP_VERSION=% -DLAKIP_RULES_DIR=%,$(CFLAGS)) $(LTO)
build/gen/cflags: FORCE
	$(Q)mkdir -p $(@D)
	$(Q)echo '$(subst ','\'',$(OBJ_FLAGS))' | cmp -s - $@ || echo '$(subst ','\'',$(OBJ_FLAGS))' >$@

build/gen/bundled_rules.c: build/tools/embed_rules $(RULE_SRC) build/gen/rule-files
	$(Q)mkdir -p $(@D)
	$(E) "  EMBED   rules"
	$(Q)build/tools/embed_rules $(RULE_SRC) >$@.tmp && mv $@.tmp $@

$(BUNDLED): build/gen/bundled_rules.c build/gen/cflags
	$(E) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(LTO) -Isrc -c -o $@ $<

# (-fno-lto: the library's machine code as it is, not optimised again at
# every test's link)
build/tests/%: tests/unit/%.c $(LIB_OBJ) | build/tests
	$(E) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -Isrc $(LDFLAGS) $(if $(LTO),-fno-lto) -o $@ $< $(LIB_OBJ) $(LDLIBS) $(CMOCKA_LIBS)

build build/tests:
	$(Q)mkdir -p $@

demo: deps
	$(Q)$(MAKE) --no-print-directory lakip-audit
	./lakip-audit check --fail-on never fixtures/bangka-selatan-2019

unit: $(UNIT_BIN)
	$(Q)set -e; for t in $(UNIT_BIN); do echo "== $$t"; ./$$t; done

e2e: lakip-audit build/tests/bench_gen
	$(Q)sh tests/e2e/run.sh
	$(Q)sh tests/rule_layer/run.sh

# inputs never written, FIFOs refused, limits, valid UTF-8 outputs, signals
hardening-test: lakip-audit
	$(Q)sh tests/hardening/run.sh

# malicious rule files: each contained in seconds, bundled findings unchanged
attack-test: lakip-audit
	$(Q)sh tests/attack/run.sh

# HTML in headless Chromium (installed when missing and running as root;
# exit 77 = skipped, e.g. not root and no Chromium)
html-test: lakip-audit
	$(Q)sh tests/html/run.sh || [ $$? = 77 ]

# The clean synthetic reports of tests/clean (no error or warning) and one
# mutant per defect kind each (the defect found at the mutated line)
clean-test: lakip-audit
	$(Q)python3 tests/mutate.py ./lakip-audit tests/clean

# the working paper recalculated by LibreOffice headless (installed when
# missing and running as root; exit 77 = skipped)
xlsx-test: lakip-audit
	$(Q)sh tests/xlsx/run.sh || [ $$? = 77 ]

# check on a folder of reports = merge of their JSON reports, byte for byte
portfolio-test: lakip-audit
	$(Q)sh tests/portfolio/run.sh

# SARIF 2.1.0 against the OASIS schema (python3-jsonschema, installed when missing as root)
sarif-test: lakip-audit
	$(Q)sh tests/sarif/run.sh

# the sample's PDFs (committed) give the same findings as its .md
pdf-test: lakip-audit
	$(Q)sh tests/pdf/run.sh

# imports point down the layers; only src/engine/ includes lua.h
layers:
	$(Q)sh tests/check_layers.sh

test: deps
	$(Q)$(MAKE) --no-print-directory layers unit e2e hardening-test attack-test html-test sarif-test xlsx-test pdf-test clean-test portfolio-test

# docs/RULES.md = the hand-written rule API + the catalogue generated from the rule files
docs: lakip-audit
	$(Q)sh tests/gen_rules_md.sh >docs/RULES.md.tmp && mv docs/RULES.md.tmp docs/RULES.md

# long-form file of BENCH_ROWS rows (default 1M): audit vs libcsv parse only, findings vs the truth
bench: lakip-audit build/tests/bench_parse build/tests/bench_gen build/tests/bench_run
	$(Q)sh tests/bench.sh

build/tests/bench_parse: tests/bench_parse.c | build/tests
	$(Q)$(CC) $(CFLAGS) -o $@ $< -lcsv

build/tests/bench_gen build/tests/bench_run: build/tests/%: tests/%.c | build/tests
	$(Q)$(CC) $(CFLAGS) -o $@ $<

install: lakip-audit
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/lakip-audit/rules/lib $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 lakip-audit $(DESTDIR)$(PREFIX)/bin/
	install -m 644 rules/*.lua $(DESTDIR)$(PREFIX)/share/lakip-audit/rules/
	install -m 644 rules/lib/*.lua $(DESTDIR)$(PREFIX)/share/lakip-audit/rules/lib/
	[ ! -f docs/lakip-audit.1 ] || install -m 644 docs/lakip-audit.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -d $(DESTDIR)$(PREFIX)/share/doc/lakip-audit
	install -m 644 LICENSE README.md $(DESTDIR)$(PREFIX)/share/doc/lakip-audit/

# A source tarball of the tracked files as they are in the work tree, with
# the version in a VERSION file (no .git in it); reproducible: names sorted,
# owner 0, times from the last commit.
DIST := lakip-audit-$(VERSION)
dist:
	$(Q)[ -e .git ] || { echo "make dist: needs a git checkout (it packs the tracked files)"; exit 2; }
	$(Q)rm -rf build/dist && mkdir -p build/dist/$(DIST)
	$(Q)git ls-files -z | xargs -0 cp -P --parents -t build/dist/$(DIST)
	$(Q)echo "$(VERSION)" >build/dist/$(DIST)/VERSION
	$(Q)tar -C build/dist --sort=name --owner=0 --group=0 --numeric-owner \
	    --mtime="@$$(git log -1 --format=%ct)" -czf $(DIST).tar.gz.tmp $(DIST) && mv $(DIST).tar.gz.tmp $(DIST).tar.gz
	$(Q)rm -rf build/dist
	$(E) "  DIST    $(DIST).tar.gz"

# The tarball unpacked in a fresh folder passes make test.
distcheck: dist
	$(Q)rm -rf build/distcheck && mkdir -p build/distcheck
	$(Q)tar -C build/distcheck -xzf $(DIST).tar.gz
	$(Q)$(MAKE) -C build/distcheck/$(DIST) --no-print-directory -j2 test
	$(Q)rm -rf build/distcheck
	$(E) "  OK      $(DIST).tar.gz passes make test"

# ---- fuzzing (tests/fuzz/README.md) ----
# One harness per parser; FUZZ_TIME seconds each. The library is compiled
# again with clang into build/fuzz (sanitizers and coverage for libFuzzer).
FUZZ_PKGS    := clang libclang-rt-dev
FUZZ_CC      ?= clang
FUZZ_TIME    ?= 60
FUZZ_RUNS    ?= 2000
FUZZ_TARGETS := csv doc settings number baseline pdf xlsx xls ods docx odt
FUZZ_CFLAGS  := -O1 -g -std=c11 -D_POSIX_C_SOURCE=200809L -fno-omit-frame-pointer \
                -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all $(LUA_CFLAGS) $(FONT_CFLAGS) $(LAZY_CFLAGS) -Isrc
FUZZ_OBJ     := $(patsubst src/%.c,build/fuzz/obj/%.o,$(filter-out src/main.c,$(SRC))) build/fuzz/obj/gen/bundled_rules.o
FUZZ_BIN     := $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_TARGETS))

fuzz-deps:
	$(Q)missing=""; for p in $(FUZZ_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build/fuzz/obj/%.o: src/%.c
	$(Q)mkdir -p $(@D)
	$(E) "  FUZZCC  $<"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/obj/gen/bundled_rules.o: build/gen/bundled_rules.c
	$(Q)mkdir -p $(@D)
	$(E) "  FUZZCC  $<"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

# the loaders, through load_path on a file of this name (new formats: add a line)
build/fuzz/fuzz_csv: FUZZ_FILE := x.csv
build/fuzz/fuzz_doc: FUZZ_FILE := x.md
build/fuzz/fuzz_settings: FUZZ_FILE := lakip-audit.conf
build/fuzz/fuzz_pdf: FUZZ_FILE := x.pdf
build/fuzz/fuzz_xlsx: FUZZ_FILE := x.xlsx
build/fuzz/fuzz_ods: FUZZ_FILE := x.ods
build/fuzz/fuzz_xls: FUZZ_FILE := x.xls
build/fuzz/fuzz_docx: FUZZ_FILE := x.docx
build/fuzz/fuzz_odt: FUZZ_FILE := x.odt
FUZZ_LOADERS := $(patsubst %,build/fuzz/fuzz_%,csv doc settings pdf xlsx xls ods docx odt)
$(FUZZ_LOADERS): tests/fuzz/fuzz_load.c $(FUZZ_OBJ)
	$(E) "  FUZZLD  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -DFUZZ_FILE='"$(FUZZ_FILE)"' -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(E) "  FUZZLD  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: deps fuzz-deps
	$(Q)$(MAKE) --no-print-directory lakip-audit fuzz-build
	$(Q)sh tests/fuzz/run.sh $(FUZZ_TIME) $(FUZZ_TARGETS)

fuzz-check: deps fuzz-deps
	$(Q)$(MAKE) --no-print-directory lakip-audit fuzz-build
	$(Q)sh tests/fuzz/run.sh --runs $(FUZZ_RUNS) $(FUZZ_TARGETS)

clean:
	rm -rf build lakip-audit lakip-audit-*.tar.gz

-include $(wildcard build/*.d build/*/*.d build/tests/*.d build/gen/*.d)
