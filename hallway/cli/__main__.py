from hallway.cli import main

main()
