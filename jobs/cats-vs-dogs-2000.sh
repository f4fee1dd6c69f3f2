#!/usr/bin/env bash
# Builds a 2,000-image Cats vs Dogs folder in the train/ + test/ layout from the public repository
# Ravisp946/dogscats (1,000 cat and 1,000 dog JPEGs from Kaggle's Dogs vs. Cats): test/ holds the 400 images of
# ../shared/data/cats-vs-dogs (a subset of the same repository), train/ the other 1,600, so a search trains on
# none of the images it is tested on. Nothing is decoded or changed; the files are linked or copied.
#   jobs/cats-vs-dogs-2000.sh GIT_DIR OUT_DIR
# GIT_DIR: the git directory of a copy of Ravisp946/dogscats (a bare repository is fine).
set -euo pipefail
git_dir=${1:?usage: cats-vs-dogs-2000.sh GIT_DIR OUT_DIR}; out=${2:?usage: cats-vs-dogs-2000.sh GIT_DIR OUT_DIR}
shared=$(cd "$(dirname "$0")/.." && pwd)/../shared/data/cats-vs-dogs
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
git --git-dir="$git_dir" archive HEAD | tar -x -C "$tree"
for class in cats dogs; do
  mkdir -p "$out/train/$class" "$out/test/$class"
  for file in "$tree/$class"/*.jpg; do
    name=$(basename "$file")
    if [ -e "$shared/$class/$name" ]; then
      cp "$shared/$class/$name" "$out/test/$class/$name"
    else
      cp "$file" "$out/train/$class/$name"
    fi
  done
done
for split in train test; do
  echo "$out/$split: $(ls "$out/$split/cats" | wc -l) cats, $(ls "$out/$split/dogs" | wc -l) dogs"
done
