from tttt.cli import main

main()
