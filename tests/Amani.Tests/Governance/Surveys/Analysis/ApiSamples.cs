namespace Amani.Tests.Governance.Surveys.Analysis;

/// <summary>
/// Two of the California Academic Performance Index samples that R's survey package ships (<c>data(api)</c>, Lumley;
/// the data are the California Department of Education's public API files), copied here — only the columns the tests
/// use — from the CSV files of the Julia package Survey.jl (github.com/xKDR/Survey.jl, MIT licence,
/// <c>assets/apistrat.csv</c> and <c>assets/clus1.csv</c>), which its authors state are identical to R's. The
/// reference values in <see cref="RSurveyKnownAnswerTests"/> were produced by R's survey 4.5 on these data
/// (Survey.jl's <c>test/r_reference/generate_fixtures.R</c> and the CSV files it wrote); the two published in R's own
/// documentation (svymean(~api00, dstrat) with fpc = 662.29, SE 9.4089; svymean(~api00, dclus1) with fpc = 644.17,
/// SE 23.542) agree with the same files, which vouches for them.
/// </summary>
internal static class ApiSamples
{
    /// <summary>apistrat: a stratified simple random sample of 200 schools, strata = school type (E, M, H).</summary>
    public static readonly IReadOnlyDictionary<string, double> StratifiedWeights = new Dictionary<string, double>
    {
        ["E"] = 44.2099990844727, // 4421 elementary schools / 100 sampled
        ["M"] = 20.3600006103516, // 1018 / 50
        ["H"] = 15.1000003814697, // 755 / 50
    };

    /// <summary>apistrat rows in the file's order: stype, api00, awards.</summary>
    public const string Stratified = """
        E 840 No,E 516 Yes,E 531 No,E 501 Yes,E 720 Yes,E 805 Yes,E 778 No,E 731 No,E 592 Yes,E 669 No,
        M 496 No,M 505 No,H 467 No,M 409 No,H 522 No,E 497 Yes,E 638 Yes,M 609 Yes,M 867 Yes,E 534 Yes,
        E 705 Yes,M 685 Yes,E 761 No,H 455 Yes,H 509 No,E 771 No,H 681 No,H 666 No,E 751 Yes,M 647 No,
        M 745 Yes,E 474 No,E 832 No,E 559 Yes,H 582 No,E 765 Yes,M 694 Yes,M 676 Yes,H 641 No,E 744 No,
        M 870 Yes,H 510 No,E 865 Yes,H 527 No,E 782 Yes,E 745 Yes,H 681 No,M 500 No,M 679 No,E 892 Yes,
        M 552 Yes,E 619 Yes,E 616 Yes,E 703 Yes,E 509 Yes,H 724 Yes,M 559 No,M 650 Yes,E 806 No,E 759 Yes,
        E 740 Yes,E 642 Yes,E 565 No,M 565 No,H 525 Yes,E 726 Yes,E 863 Yes,E 765 Yes,E 893 Yes,M 443 No,
        M 774 No,E 398 No,E 539 Yes,M 668 Yes,E 776 Yes,E 580 No,M 581 No,E 503 Yes,E 724 Yes,E 476 Yes,
        H 712 No,E 529 Yes,E 870 Yes,E 746 No,E 836 Yes,H 680 Yes,E 756 No,M 878 Yes,H 784 Yes,E 423 No,
        E 588 Yes,E 606 Yes,E 632 Yes,M 753 Yes,E 651 Yes,H 743 No,E 553 Yes,H 593 No,M 528 No,E 676 No,
        E 861 Yes,M 678 No,H 518 No,M 535 Yes,E 588 Yes,E 597 Yes,H 770 No,E 884 No,M 667 Yes,E 819 Yes,
        H 721 No,M 534 No,H 713 Yes,E 542 No,M 648 No,H 816 Yes,E 509 No,E 493 Yes,M 551 Yes,M 485 Yes,
        E 893 Yes,H 641 No,E 709 Yes,E 596 No,M 765 Yes,E 609 Yes,E 671 Yes,E 720 Yes,E 669 Yes,H 667 No,
        M 743 No,M 403 No,H 610 No,E 650 No,E 836 Yes,M 695 No,E 542 Yes,H 618 No,E 578 Yes,M 551 Yes,
        E 814 No,M 467 No,E 777 Yes,H 717 No,H 610 Yes,E 719 Yes,H 868 Yes,H 678 No,E 617 Yes,H 418 Yes,
        M 669 No,E 856 Yes,E 723 Yes,M 773 Yes,E 609 Yes,M 780 Yes,M 693 No,M 635 Yes,H 712 No,E 676 Yes,
        M 660 No,E 668 Yes,H 784 Yes,H 472 No,E 421 Yes,H 764 Yes,H 646 No,H 585 No,H 556 No,M 733 No,
        M 657 Yes,E 667 Yes,M 606 Yes,H 600 No,M 522 No,H 599 No,H 706 No,H 409 No,E 631 No,H 635 Yes,
        M 601 Yes,H 477 No,E 845 Yes,M 819 No,E 631 No,E 696 Yes,E 714 Yes,E 788 Yes,E 667 Yes,H 710 No,
        E 568 Yes,H 453 No,H 546 Yes,E 847 Yes,E 679 Yes,E 477 No,H 646 Yes,M 627 No,E 521 Yes,H 624 Yes
        """;

    /// <summary>apiclus1: a cluster sample of 15 school districts (all their schools), equal weights 6194 / 183 × …</summary>
    public const double ClusterWeight = 33.846996307373;

    /// <summary>The county of each sampled district (dnum → cname).</summary>
    public static readonly IReadOnlyDictionary<string, string> County = new Dictionary<string, string>
    {
        ["637"] = "Alameda", ["437"] = "Fresno", ["778"] = "Kern", ["197"] = "Los Angeles", ["406"] = "Los Angeles",
        ["815"] = "Mendocino", ["178"] = "Merced", ["255"] = "Orange", ["568"] = "Plumas", ["135"] = "San Diego",
        ["510"] = "San Diego", ["716"] = "San Joaquin", ["61"] = "Santa Clara", ["413"] = "Santa Clara", ["448"] = "Santa Clara",
    };

    /// <summary>apiclus1 rows in the file's order: dnum, stype, api00.</summary>
    public const string Cluster = """
        637 H 608,637 E 684,637 E 612,637 E 710,637 E 729,637 E 714,637 E 759,637 E 585,637 E 625,637 M 664,
        637 M 669,437 H 443,437 E 467,437 M 482,437 E 496,778 M 411,778 E 494,197 E 493,197 M 592,197 E 550,
        197 M 689,197 M 598,197 E 628,197 E 652,197 E 628,197 E 832,197 E 777,197 E 709,197 E 709,197 E 736,
        406 E 561,406 E 555,815 H 696,815 M 631,815 E 564,815 E 602,178 H 529,178 E 491,178 E 510,178 M 547,
        255 E 814,255 E 806,255 E 715,255 E 785,255 M 720,255 E 905,255 M 617,255 E 630,255 E 629,255 E 696,
        255 E 476,255 E 757,255 E 825,255 E 595,255 E 552,255 M 847,568 H 714,568 H 724,568 H 687,568 H 723,
        568 E 662,568 E 699,568 E 807,568 M 679,568 E 691,135 E 622,135 E 754,135 E 655,135 E 764,135 E 795,
        135 E 505,135 E 638,135 E 733,135 E 523,135 E 511,135 E 710,135 E 657,135 E 602,135 E 490,135 E 664,
        135 E 651,135 E 603,135 E 698,135 E 511,135 E 814,135 E 669,135 E 711,135 E 538,135 E 705,135 E 595,
        135 E 551,135 E 762,135 E 521,135 E 709,135 E 780,135 E 780,135 E 722,135 E 828,135 E 737,510 H 595,
        510 H 661,510 E 502,510 M 614,510 E 585,510 E 582,510 M 642,510 E 536,510 E 746,510 E 667,510 E 629,
        510 E 745,510 E 674,510 E 637,510 E 696,510 E 632,510 E 639,510 E 745,510 E 789,510 M 656,510 E 789,
        716 H 517,716 H 478,716 H 582,716 E 592,716 E 587,716 E 553,716 E 516,716 E 535,716 E 566,716 E 481,
        716 E 472,716 E 559,716 E 610,716 E 599,716 E 551,716 E 554,716 E 561,716 E 505,716 E 492,716 E 504,
        716 E 487,716 E 627,716 E 465,716 E 529,716 E 625,716 E 436,716 E 542,716 E 515,716 M 461,716 M 528,
        716 M 512,716 M 508,716 E 670,716 E 760,716 E 652,716 E 546,716 E 717,61 E 701,61 E 748,61 E 735,
        61 M 699,61 E 685,61 E 827,61 M 711,61 E 677,61 M 759,61 E 697,61 E 742,61 E 691,61 E 700,
        413 E 551,448 H 703,448 E 676,448 E 714,448 E 842,448 E 824,448 E 717,448 E 836,448 M 733,448 E 719,
        448 M 817,448 E 749,448 E 781
        """;

    public static IEnumerable<string[]> Rows(string table) =>
        table.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
