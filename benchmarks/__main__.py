import sys

if sys.argv[1:2] == ["throughput"]:  # section 6 alone: python -m benchmarks throughput [options]
    from benchmarks.throughput import main

    sys.exit(main(sys.argv[2:]))
if sys.argv[1:2] == ["thesaurus"]:  # each candidate synonym group alone: python -m benchmarks thesaurus FILE.yaml
    from benchmarks.thesaurus import main

    sys.exit(main(sys.argv[2:]))

if sys.argv[1:2] == ["halves"]:  # every read question set by half, before and after a change
    from benchmarks.halves import main

    sys.exit(main(sys.argv[2:]))

from benchmarks.run import main

sys.exit(main())
