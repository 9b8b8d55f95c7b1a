from goodword.cli.app import main

main()
