"""Expert pools on request (inzet op verzoek): help asked, experts proposed, work done."""
